using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

/// <summary>The desk's own reconnect dialog, in Indonesian, while a librarian's connection is lost and comes back.</summary>
public sealed class ReconnectBrowserTests(OpenDeskApp app, Chromium chromium) : IClassFixture<OpenDeskApp>, IClassFixture<Chromium>
{
    // Keeps the page's WebSockets within reach, so the test can drop the desk's connection as a bad network would.
    private const string RecordSockets = """
        (() => {
            const Native = window.WebSocket;
            window.deskTestSockets = [];
            window.WebSocket = class extends Native {
                constructor(...args) {
                    super(...args);
                    window.deskTestSockets.push(this);
                }
            };
        })();
        """;

    [Fact]
    public async Task A_lost_connection_shows_the_Indonesian_reconnect_dialog_until_the_desk_is_back()
    {
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await page.AddInitScriptAsync(RecordSockets);
        await DeskPages.SignInAsync(page, OpenDeskApp.LibrarianEmail, DeskApp.StaffPassword);

        await page.Context.SetOfflineAsync(true);
        await page.EvaluateAsync("() => window.deskTestSockets.forEach(s => s.close())");

        var retrying = page.Locator("[data-testid=reconnect-retrying]");
        await retrying.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        (await retrying.InnerTextAsync()).Should().MatchRegex(@"Gagal tersambung\. Mencoba lagi dalam \d+ detik\.");
        (await page.Locator("#components-reconnect-modal").InnerTextAsync()).Should().NotContain("Rejoin").And.NotContain("Menyambung kembali");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/polish/reconnect-id.png" });

        await page.Context.SetOfflineAsync(false);
        await page.Locator("#components-reconnect-modal").WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 60_000 });
        await page.ClickAsync("[data-testid=theme-toggle]");
    }
}
