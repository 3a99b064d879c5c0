using System.Collections.Concurrent;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

/// <summary>
/// The widget on a library's own site: another origin (https://library.test, served by Playwright as a
/// real navigation) with its own Content-Security-Policy header, the way README.md tells a library to
/// write it. The desk is open but nobody is Online, so the widget offers the offline form.
/// </summary>
public sealed class WidgetEmbedBrowserTests(WidgetEmbedBrowserTests.LibrarySiteDesk app, Chromium chromium)
    : IClassFixture<WidgetEmbedBrowserTests.LibrarySiteDesk>, IClassFixture<Chromium>
{
    private const string LibrarySite = "https://library.test";
    private const string WidgetMessage = "LibrarianDesk widget stays hidden:";

    public sealed class LibrarySiteDesk : DeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:Widget:AllowedOrigins:0"] = LibrarySite,
            ["Desk:ServiceHours:AlwaysOpen"] = "true",
        };
    }

    /// <summary>The page's state a reader sees, to compare with the same page without the widget.</summary>
    private sealed record PageState
    {
        public int Height { get; init; }

        public string Text { get; init; } = "";

        public int Elements { get; init; }
    }

    private string Desk => app.BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>The CSP of README.md's "Put the chat on the library's website", for this desk.</summary>
    private string CspListingTheDesk =>
        $"default-src 'none'; script-src 'self' {Desk}; style-src 'self' {Desk}; " +
        $"connect-src 'self' {Desk} {Desk.Replace("http://", "ws://", StringComparison.Ordinal)}; img-src 'self' blob:";

    [Theory]
    [InlineData(1440, 900, "desktop")]
    [InlineData(360, 740, "phone")]
    public async Task On_a_library_site_whose_csp_lists_the_desk_the_widget_opens_styled_and_takes_a_message(int width, int height, string device)
    {
        var (page, errors) = await LibraryPageAsync(CspListingTheDesk);
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync($"{LibrarySite}/");

        await page.ClickAsync("[data-testid=ld-launcher]");
        await page.Locator("[data-testid=ld-closed-notice]").WaitForAsync();
        (await page.TextContentAsync("[data-testid=ld-closed-reason]")).Should().Be("Belum ada pustakawan yang daring saat ini.");
        var panel = await page.Locator("[data-testid=ld-panel]").BoundingBoxAsync();
        panel!.Width.Should().BeGreaterThan(250, "widget.css applies");
        panel.Height.Should().BeGreaterThan(300);
        await ScreenshotAsync(page, $"widget-embed-{device}");

        var email = $"embed.{device}@contoh.id";
        await OfflineWidget.LeaveMessageAsync(page, "Rina", email, "Apakah koran tahun 1950 sudah digital?");
        await ScreenshotAsync(page, $"widget-embed-offline-sent-{device}");
        await using (var db = app.CreateDbContext())
        {
            (await db.OfflineMessages.CountAsync(m => m.Email == email, TestContext.Current.CancellationToken)).Should().Be(1);
        }

        // The policy is enforced (the site's own inline script was refused) and refused nothing from the desk.
        (await page.EvaluateAsync<string?>("document.documentElement.dataset.inlineScript")).Should().BeNull();
        (await ViolationsAsync(page)).Should().Contain(v => v.StartsWith("script-src-elem inline", StringComparison.Ordinal))
            .And.NotContain(v => v.Contains(app.BaseAddress.Authority, StringComparison.Ordinal));
        errors.Should().NotContain(e => e.StartsWith(WidgetMessage, StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_the_sites_csp_style_src_leaves_out_the_desk_the_widget_stays_hidden_and_says_why_in_the_console()
    {
        var styleSrcWithoutDesk = CspListingTheDesk.Replace($"style-src 'self' {Desk}", "style-src 'self'", StringComparison.Ordinal);
        var (page, errors) = await LibraryPageAsync(styleSrcWithoutDesk);
        var untouched = await StateWithoutWidgetAsync(page);

        await page.GotoAsync($"{LibrarySite}/");
        var explanation = await WidgetErrorAsync(errors, TimeSpan.FromSeconds(15));

        explanation.Should().Be($"{WidgetMessage} its style sheet {Desk}/widget/widget.css did not load. " +
            $"If this site sends a Content-Security-Policy, its style-src must list {Desk}.");
        (await ViolationsAsync(page)).Should().Contain($"style-src-elem {Desk}/widget/widget.css");
        await ShowsNothingOfTheWidgetAsync(page, untouched);
        await ScreenshotAsync(page, "widget-embed-style-blocked");
    }

    [Fact]
    public async Task When_the_widgets_texts_cannot_load_the_widget_stays_hidden_and_says_why_in_the_console()
    {
        var (page, errors) = await LibraryPageAsync(CspListingTheDesk);
        var untouched = await StateWithoutWidgetAsync(page);
        var asked = 0;
        await page.RouteAsync("**/widget/strings/**", route =>
        {
            Interlocked.Increment(ref asked);
            return route.AbortAsync();
        });

        await page.GotoAsync($"{LibrarySite}/");
        // The widget tries four times over about 7 s (a desk restarting comes back) before it gives up.
        var explanation = await WidgetErrorAsync(errors, TimeSpan.FromSeconds(30));

        explanation.Should().StartWith($"{WidgetMessage} its texts {Desk}/widget/strings/id did not load (")
            .And.EndWith($"If this site sends a Content-Security-Policy, its connect-src must list {Desk}.");
        asked.Should().Be(4);
        await ShowsNothingOfTheWidgetAsync(page, untouched);
    }

    /// <summary>
    /// A page of the library's site under <paramref name="csp"/>: "/" embeds the widget the way README.md
    /// says; "/without-widget" is the same page without it. Collects the console's errors and, from before
    /// any of the page's scripts run, the policy's refusals as "directive blocked-uri".
    /// </summary>
    private async Task<(IPage Page, ConcurrentQueue<string> Errors)> LibraryPageAsync(string csp)
    {
        var page = await chromium.NewPageAsync(app.BaseAddress);
        // The test's desk is on 127.0.0.1, which Chromium keeps from other sites unless the visitor allows it.
        await page.Context.GrantPermissionsAsync(["local-network-access"], new() { Origin = LibrarySite });
        var errors = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Enqueue(message.Text);
            }
        };
        await page.AddInitScriptAsync("""
            window.refusedByPolicy = [];
            document.addEventListener('securitypolicyviolation', e => window.refusedByPolicy.push(e.effectiveDirective + ' ' + e.blockedURI));
            """);
        await page.RouteAsync($"{LibrarySite}/**", route =>
        {
            var path = new Uri(route.Request.Url).AbsolutePath;
            var headers = new Dictionary<string, string> { ["Content-Security-Policy"] = csp };
            return path switch
            {
                "/" => route.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Headers = headers, Body = LibraryHtml(embedWidget: true) }),
                "/without-widget" => route.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Headers = headers, Body = LibraryHtml(embedWidget: false) }),
                "/site.css" => route.FulfillAsync(new() { Status = 200, ContentType = "text/css", Body = LibraryCss }),
                _ => route.FulfillAsync(new() { Status = 404 }),
            };
        });
        return (page, errors);
    }

    private string LibraryHtml(bool embedWidget) => $$"""
        <!DOCTYPE html>
        <html lang="id">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Perpustakaan Kota Bandung</title>
          <link rel="stylesheet" href="/site.css">
        </head>
        <body>
          <header><h1>Perpustakaan Kota Bandung</h1><p>Jl. Seram No. 2 · Senin–Sabtu 08.00–16.00 WIB</p></header>
          <main>
            <h2>Koleksi baru bulan ini</h2>
            <p>Arsip surat kabar Pikiran Rakyat 1950–1965 kini dapat dibaca di ruang referensi lantai 2.</p>
            <p>Pinjaman buku dapat diperpanjang dua kali melalui katalog daring, masing-masing tujuh hari.</p>
            <h2>Agenda</h2>
            <p>Kelas menulis cerita anak setiap Sabtu pukul 10.00 di aula.</p>
          </main>
          <script>document.documentElement.dataset.inlineScript = 'ran';</script>
          {{(embedWidget ? $"<script async src=\"{Desk}/widget.js\" data-lang=\"id\"></script>" : "")}}
        </body>
        </html>
        """;

    private const string LibraryCss = """
        body { margin: 0; font: 16px/1.6 Georgia, serif; color: #222; background: #faf7f0; }
        header { background: #7a1f2b; color: #fff; padding: 24px 32px; }
        header h1 { margin: 0 0 4px; }
        main { max-width: 720px; padding: 8px 32px 48px; }
        """;

    private static async Task<PageState> StateWithoutWidgetAsync(IPage page)
    {
        await page.GotoAsync($"{LibrarySite}/without-widget");
        return await StateAsync(page);
    }

    private static Task<PageState> StateAsync(IPage page) => page.EvaluateAsync<PageState>("""
        ({ height: document.documentElement.scrollHeight, text: document.body.innerText,
           elements: document.querySelectorAll('body *:not(script)').length })
        """);

    private static async Task ShowsNothingOfTheWidgetAsync(IPage page, PageState untouched)
    {
        (await page.Locator("[data-testid=ld-launcher]").CountAsync()).Should().Be(0);
        (await page.Locator("[data-librariandesk]").CountAsync()).Should().Be(0, "the widget takes its host element away again");
        (await page.Locator("script[src*='signalr']").CountAsync()).Should().Be(0);
        (await StateAsync(page)).Should().Be(untouched, "the library's page reads and measures as it would without the widget");
    }

    private static async Task<string> WidgetErrorAsync(ConcurrentQueue<string> errors, TimeSpan patience)
    {
        await Eventually.TrueAsync(() => errors.Any(e => e.StartsWith(WidgetMessage, StringComparison.Ordinal)), "the widget explains itself in the console", patience);
        return errors.Should().ContainSingle(e => e.StartsWith(WidgetMessage, StringComparison.Ordinal)).Subject;
    }

    private static Task<string[]> ViolationsAsync(IPage page) => page.EvaluateAsync<string[]>("window.refusedByPolicy");

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotDirectory, name + ".png") });
}
