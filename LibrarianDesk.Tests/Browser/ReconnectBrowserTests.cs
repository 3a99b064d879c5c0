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
        await page.RouteAsync(Negotiate, route => route.AbortAsync());
        await page.EvaluateAsync("() => window.deskTestSockets.forEach(s => s.close())");

        // Which state it shows first (rejoining, waiting to retry, or given up) depends on timing: each speaks Indonesian.
        var dialog = page.Locator("#components-reconnect-modal");
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        var state = await dialog.EvaluateAsync<string>("d => d.className");
        (await dialog.InnerTextAsync()).Trim().Should().MatchRegex(
            @"^(Menyambung kembali ke meja layanan…|Gagal tersambung\. Mencoba lagi dalam \d+ detik\.|Tidak dapat tersambung kembali\. Coba lagi atau muat ulang halaman\.\s+Coba lagi)$",
            $"the dialog is in state '{state}'");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/polish/reconnect-id.png" });

        await page.UnrouteAsync(Negotiate);
        var retry = page.Locator("#components-reconnect-button");
        if (await retry.IsVisibleAsync())
        {
            await retry.ClickAsync();
        }

        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 60_000 });
    }
}
