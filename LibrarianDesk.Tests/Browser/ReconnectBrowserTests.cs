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

    private const string Negotiate = "**/_blazor/negotiate**";

    [Fact]
    public async Task A_lost_connection_shows_the_Indonesian_reconnect_dialog_until_the_desk_is_back()
    {
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await page.AddInitScriptAsync(RecordSockets);
        await DeskPages.SignInAsync(page, OpenDeskApp.LibrarianEmail, DeskApp.StaffPassword);

        // The desk is out of reach: new connections fail (reconnecting starts with a negotiate request), and the open one drops.
        await page.Context.SetOfflineAsync(true);
        await page.RouteAsync(Negotiate, route => route.AbortAsync());
        await page.EvaluateAsync("() => window.deskTestSockets.forEach(s => s.close())");

        // Whether the first attempt is still running or has failed and waits for the next depends on timing: both speak Indonesian.
        var dialog = page.Locator("#components-reconnect-modal");
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        (await dialog.InnerTextAsync()).Trim().Should().MatchRegex(@"^(Menyambung kembali ke meja layanan…|Gagal tersambung\. Mencoba lagi dalam \d+ detik\.)$");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/polish/reconnect-id.png" });

        await page.UnrouteAsync(Negotiate);
        await page.Context.SetOfflineAsync(false);
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 60_000 });
    }
}
