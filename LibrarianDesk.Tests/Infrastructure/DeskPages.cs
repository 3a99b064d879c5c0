using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>What every browser test of the desk does: sign in, wait for the circuit, take a screenshot.</summary>
public static class DeskPages
{
    /// <summary>Opens <paramref name="path"/> (the dashboard by default), is sent to sign in, signs in and waits for the live desk.</summary>
    public static async Task SignInAsync(IPage page, string email, string password, string path = "/")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(path);
        await WaitForUrlAsync(page, "**/Account/Login**");
        await page.FillAsync("[data-testid=signin-email]", email);
        await page.FillAsync("[data-testid=signin-password]", password);
        await page.ClickAsync("[data-testid=signin-submit]");
        await WaitForInteractiveDeskAsync(page);
    }

    /// <summary>A staff member signed in on the queue, once its live updates run.</summary>
    public static async Task<IPage> SignedInOnQueueAsync(Chromium chromium, Uri server, string email)
    {
        ArgumentNullException.ThrowIfNull(chromium);
        var page = await chromium.NewPageAsync(server);
        await SignInAsync(page, email, DeskApp.StaffPassword, "/queue");
        await page.WaitForSelectorAsync("[data-testid=queue-page][data-live=true]");
        return page;
    }

    /// <summary>
    /// Waits until the page's address matches <paramref name="glob"/> (<c>**</c> is anything). Polls the address
    /// instead of <c>IPage.WaitForURLAsync</c>, whose check-then-subscribe can miss a load event that arrives in
    /// between and then time out on a page that has long loaded (microsoft/playwright-dotnet#3364).
    /// </summary>
    public static Task WaitForUrlAsync(IPage page, string glob)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(glob);
        var pattern = "^" + string.Join(".*", glob.Split("**").Select(Regex.Escape)) + "$";
        return Assertions.Expect(page).ToHaveURLAsync(new Regex(pattern));
    }

    /// <summary>The desk is usable once its circuit is up: the layout marks itself interactive.</summary>
    public static Task WaitForInteractiveDeskAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.WaitForSelectorAsync("#desk[data-interactive=true]");
    }

    /// <summary>The workspace's composer sends on Enter once its script is attached, just after the first interactive render.</summary>
    public static Task WaitForComposerAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.WaitForSelectorAsync("[data-testid=composer][data-ready=true]");
    }

    public static Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotDirectory, name + ".png"), FullPage = true });
    }
}
