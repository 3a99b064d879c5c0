using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

/// <summary>The patron's side of an offline message in the widget (already open on its home view).</summary>
public static class OfflineWidget
{
    public static async Task LeaveMessageAsync(IPage patron, string name, string email, string text)
    {
        ArgumentNullException.ThrowIfNull(patron);
        await patron.ClickAsync("[data-testid=ld-leave-message]");
        await patron.Locator("[data-testid=ld-offline-form]").WaitForAsync();
        await patron.FillAsync("[data-testid=ld-name]", name);
        await patron.FillAsync("[data-testid=ld-email]", email);
        await patron.SelectOptionAsync("[data-testid=ld-question-type]", new SelectOptionValue { Index = 1 });
        await patron.FillAsync("[data-testid=ld-message]", text);
        await patron.ClickAsync("[data-testid=ld-offline-send]");
        await patron.Locator("[data-testid=ld-offline-confirmation]").WaitForAsync();
    }
}
