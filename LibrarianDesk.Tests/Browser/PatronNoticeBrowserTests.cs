using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Features.Visitors;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

/// <summary>What the widget's forms tell patrons, and that with previews off no draft leaves the browser.</summary>
public sealed class PatronNoticeBrowserTests(OpenDeskApp app, Chromium chromium) : IClassFixture<OpenDeskApp>, IClassFixture<Chromium>
{
    private const string TypingLine = "Pustakawan dapat melihat pesan Anda selagi Anda mengetiknya, sebelum dikirim.";

    private static readonly AuditActor Supervisor = new(null, "Supervisor in a test");

    private async Task SaveAsync(bool typingPreviews) =>
        (await app.Service<PatronNoticeStore>().SaveAsync(Supervisor, new PatronNotice(
            "https://perpustakaan.example/privasi", "Percakapan disimpan 24 bulan, lalu dianonimkan.", "Conversations are kept for 24 months.", typingPreviews)))
        .Should().BeEmpty();

    /// <summary>The widget on /demo with its calls to the hub recorded, its pre-chat form open.</summary>
    private async Task<(IPage Page, System.Collections.Concurrent.ConcurrentQueue<string> Calls)> OpenPrechatFormAsync()
    {
        var page = await chromium.NewPageAsync(app.BaseAddress);
        var calls = await PatronSocketTap.RecordCallsAsync(page);
        await page.GotoAsync("/demo");
        await page.ClickAsync("[data-testid=ld-launcher]");
        await page.ClickAsync("[data-testid=ld-new-conversation]:not([disabled])");
        await page.Locator("[data-testid=ld-prechat-form]").WaitForAsync();
        return (page, calls);
    }

    private static async Task StartAsync(IPage page, string email)
    {
        await page.FillAsync("[data-testid=ld-name]", "Siti Rahma");
        await page.FillAsync("[data-testid=ld-email]", email);
        await page.SelectOptionAsync("[data-testid=ld-question-type]", new SelectOptionValue { Index = 1 });
        await page.FillAsync("[data-testid=ld-message]", "Apakah ada koleksi peta Batavia?");
        await page.ClickAsync("[data-testid=ld-start]");
        await page.Locator("[data-testid=ld-message-item][data-state=sent]").WaitForAsync();
    }

    [Fact]
    public async Task The_prechat_form_shows_the_notice_its_link_and_the_typing_line_and_drafts_are_sent()
    {
        await SaveAsync(typingPreviews: true);
        var (page, calls) = await OpenPrechatFormAsync();

        (await page.TextContentAsync("[data-testid=ld-privacy-text]")).Should().Be("Percakapan disimpan 24 bulan, lalu dianonimkan.");
        var link = page.Locator("[data-testid=ld-privacy-link]");
        (await link.TextContentAsync()).Should().Be("Pemberitahuan privasi");
        (await link.GetAttributeAsync("href")).Should().Be("https://perpustakaan.example/privasi");
        (await link.GetAttributeAsync("target")).Should().Be("_blank");
        (await link.GetAttributeAsync("rel")).Should().Be("noopener noreferrer");
        (await page.TextContentAsync("[data-testid=ld-privacy-typing]")).Should().Be(TypingLine);
        await page.Locator("[data-testid=ld-start]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotDirectory, "widget-privacy-notice.png") });

        await StartAsync(page, "siti.preview@contoh.id");
        await page.FillAsync("[data-testid=ld-composer]", "Untuk tahun 17");

        await Eventually.TrueAsync(() => calls.Contains("Typing"), "the widget sends the draft while previews are on");
    }

    [Fact]
    public async Task With_previews_off_the_form_has_no_typing_line_and_the_widget_sends_no_drafts()
    {
        await SaveAsync(typingPreviews: false);
        var (page, calls) = await OpenPrechatFormAsync();

        (await page.TextContentAsync("[data-testid=ld-privacy-text]")).Should().Be("Percakapan disimpan 24 bulan, lalu dianonimkan.");
        (await page.Locator("[data-testid=ld-privacy-link]").CountAsync()).Should().Be(1);
        (await page.Locator("[data-testid=ld-privacy-typing]").CountAsync()).Should().Be(0);

        await StartAsync(page, "siti.nopreview@contoh.id");
        await page.FillAsync("[data-testid=ld-composer]", "Nomor anggota saya 12345");
        await page.PressAsync("[data-testid=ld-composer]", "Enter");
        await page.Locator("[data-testid=ld-message-item][data-author=patron][data-state=sent]").Nth(1).WaitForAsync();

        calls.Should().Contain("SendMessage").And.NotContain("Typing", "the composer's input event leaves no draft in the browser's frames");
    }

    [Fact]
    public async Task A_greeting_answered_in_place_shows_the_notice_before_the_answer_is_sent()
    {
        await SaveAsync(typingPreviews: true);
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/demo");
        await page.Locator("[data-testid=ld-launcher]").WaitForAsync();
        string? visitorId = null;
        await Eventually.TrueAsync(
            async () => !string.IsNullOrEmpty(visitorId = await page.EvaluateAsync<string?>("() => JSON.parse(localStorage.getItem('librariandesk:visitorId'))")),
            "the widget made its visitor id");

        await Eventually.TrueAsync(
            async () => (await app.Service<GreetingService>().GreetAsync(visitorId!, app.LibrarianId, "Selamat siang! Ada yang bisa dibantu?")).Succeeded,
            "the desk knows the visitor and greets them");

        var form = page.Locator("[data-testid=ld-greeting-form]");
        await form.WaitForAsync();
        (await form.Locator("[data-testid=ld-privacy-text]").TextContentAsync()).Should().Be("Percakapan disimpan 24 bulan, lalu dianonimkan.");
        (await form.Locator("[data-testid=ld-privacy-link]").GetAttributeAsync("href")).Should().Be("https://perpustakaan.example/privasi");
        (await form.Locator("[data-testid=ld-privacy-typing]").TextContentAsync()).Should().Be(TypingLine);
    }
}

/// <summary>The offline form tells patrons the same notice, without the typing line: an offline message is seen only once sent.</summary>
public sealed class PatronNoticeOfflineBrowserTests(WidgetClosedDeskBrowserTests.NobodyOnlineApp app, Chromium chromium)
    : IClassFixture<WidgetClosedDeskBrowserTests.NobodyOnlineApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task The_offline_form_shows_the_notice_and_its_link()
    {
        (await app.Service<PatronNoticeStore>().SaveAsync(new AuditActor(null, "Supervisor in a test"), new PatronNotice(
            "https://perpustakaan.example/privasi", "Pesan Anda disimpan 24 bulan.", null, TypingPreviews: true))).Should().BeEmpty();
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/demo");
        await page.ClickAsync("[data-testid=ld-launcher]");

        await page.ClickAsync("[data-testid=ld-leave-message]");
        await page.Locator("[data-testid=ld-offline-form]").WaitForAsync();

        (await page.TextContentAsync("[data-testid=ld-offline-form] [data-testid=ld-privacy-text]")).Should().Be("Pesan Anda disimpan 24 bulan.");
        (await page.GetAttributeAsync("[data-testid=ld-offline-form] [data-testid=ld-privacy-link]", "href")).Should().Be("https://perpustakaan.example/privasi");
        (await page.Locator("[data-testid=ld-privacy-typing]").CountAsync()).Should().Be(0);
    }
}
