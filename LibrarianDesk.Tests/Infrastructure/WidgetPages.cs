using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>What browser tests do as a patron in the widget on the desk's /demo page.</summary>
public static class WidgetPages
{
    /// <summary>Opens the widget on /demo, fills the start form (the first question type) and waits until the first message is sent.</summary>
    public static async Task StartChatAsync(IPage page, string name, string email, string question, string? memberNumber = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/demo");
        await page.ClickAsync("[data-testid=ld-launcher]");
        await page.ClickAsync("[data-testid=ld-new-conversation]:not([disabled])");
        await page.FillAsync("[data-testid=ld-name]", name);
        await page.FillAsync("[data-testid=ld-email]", email);
        if (memberNumber is not null)
        {
            await page.FillAsync("[data-testid=ld-member]", memberNumber);
        }

        await page.SelectOptionAsync("[data-testid=ld-question-type]", new SelectOptionValue { Index = 1 });
        await page.FillAsync("[data-testid=ld-message]", question);
        await page.ClickAsync("[data-testid=ld-start]");
        await page.Locator("[data-testid=ld-message-item][data-state=sent]").WaitForAsync();
    }
}
