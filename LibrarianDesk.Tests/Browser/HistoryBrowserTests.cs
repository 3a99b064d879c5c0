using LibrarianDesk.Tests.Features.History;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Browser;

public sealed class HistoryBrowserTests(HistoryDesk app, Chromium chromium) : IClassFixture<HistoryDesk>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_supervisor_searches_the_history_by_a_word_and_opens_the_transcript()
    {
        await app.AnsweredAsync(
            "Selamat siang, apakah Perpustakaan Nasional punya naskah Babad Diponegoro yang asli?",
            "Ada. Naskah Babad Diponegoro tersimpan di koleksi naskah Nusantara, lantai 9. Silakan cari di OPAC dengan kata kunci \"Babad Diponegoro\".",
            "PN2024000123",
            note: "Pemustaka peneliti sejarah; arahkan ke layanan reprografi bila perlu salinan.");
        await app.AnsweredAsync("Bagaimana cara mendaftar anggota K-OL?", "Daftar lewat situs keanggotaan online.");

        var page = await chromium.NewPageAsync(app.BaseAddress);
        await DeskPages.SignInAsync(page, "hendra@test.local", DeskApp.StaffPassword);
        await page.ClickAsync("[data-testid=nav-history]");
        await DeskPages.WaitForUrlAsync(page, "**/history");
        await DeskPages.WaitForInteractiveDeskAsync(page);
        await page.FillAsync("[data-testid=history-text] input, input[data-testid=history-text]", "diponegor");
        await page.ClickAsync("[data-testid=history-search]");
        await page.Locator("[data-testid=history-snippet] mark", new() { HasText = "Diponegoro" }).First.WaitForAsync();
        (await page.Locator("[data-testid=history-table] tbody tr").CountAsync()).Should().Be(1);
        await DeskPages.ScreenshotAsync(page, "history-search-id");

        await page.ClickAsync("[data-testid=history-open]");
        await page.Locator("[data-testid=history-transcript]").WaitForAsync();
        (await page.TextContentAsync("[data-testid=transcript]")).Should().Contain("Babad Diponegoro").And.Contain("reprografi");
        (await page.TextContentAsync("[data-testid=history-facts]")).Should().Contain("PN2024000123").And.Contain("Sari Wulandari").And.Contain("WIB");
        await DeskPages.ScreenshotAsync(page, "history-transcript-id");
    }
}
