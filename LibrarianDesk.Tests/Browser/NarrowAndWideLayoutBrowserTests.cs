using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.IpBlocks;
using LibrarianDesk.Shared.Blocking;
using LibrarianDesk.Tests.Features.History;
using LibrarianDesk.Tests.Features.OfflineMessages;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

/// <summary>
/// Layout rules a user notices on a wide desk monitor (1440 px) and on a phone (360 px): actions stay on
/// screen and nothing scrolls sideways. Screenshots go where every browser test puts them, for review by eye.
/// </summary>
public sealed class NarrowAndWideLayoutBrowserTests(HistoryDesk app, Chromium chromium) : IClassFixture<HistoryDesk>, IClassFixture<Chromium>
{
    [Fact]
    public async Task At_1440_px_the_unblock_button_of_a_block_with_a_long_reason_is_on_screen()
    {
        var actor = new AuditActor(null, "Administrator Sistem Perpustakaan Nasional Republik Indonesia");
        var reason = "Mengirim tautan promosi berulang kali ke layanan tanya pustakawan: " + string.Concat(Enumerable.Repeat("https://promo-murah.example/klik-disini?ref=", 3));
        (await app.Service<IpBlockService>().AddAsync(actor, new IpBlockDraft("2001:db8:1234:5678:9abc:def0:1234:0/112", reason, BlockDuration.SevenDays), null))
            .Succeeded.Should().BeTrue();

        var page = await NewPageAsync(1440, 900);
        await DeskPages.SignInAsync(page, DeskApp.AdminEmail, DeskApp.AdminPassword);
        await page.GotoAsync("/admin/ip-blocks");
        await DeskPages.WaitForInteractiveDeskAsync(page);
        var lift = page.Locator("[data-testid=block-lift]").First;
        await lift.WaitForAsync();
        await ScreenshotAsync(page, "ip-blocks-1440");

        var box = (await lift.BoundingBoxAsync())!;
        (box.X + box.Width).Should().BeLessThanOrEqualTo(1440, "the unblock button is inside the window, not scrolled off to the right");
        (await TableScrollsSidewaysAsync(page, "blocks-table")).Should().BeFalse("every column fits beside it");
        (await HorizontalOverflowAsync(page)).Should().BeFalse();
    }

    [Fact]
    public async Task At_360_px_the_offline_list_shows_take_and_status_without_scrolling_sideways()
    {
        await OfflineDesk.LeaveMessageAsync(app, "maria.kristina.panjaitan.peneliti@universitas-contoh.ac.id",
            "Apakah arsip majalah Pandji Poestaka tahun 1930-an sudah tersedia dalam bentuk digital?", "Maria Kristina Panjaitan");

        var page = await NewPageAsync(360, 780);
        await DeskPages.SignInAsync(page, OpenDeskApp.LibrarianEmail, DeskApp.StaffPassword);
        await page.GotoAsync("/offline-messages");
        await DeskPages.WaitForInteractiveDeskAsync(page);
        var take = page.Locator("[data-testid=offline-take]").First;
        await take.WaitForAsync();
        await ScreenshotAsync(page, "offline-list-360");

        await ShouldBeInsideTheWindowAsync(take, 360);
        await ShouldBeInsideTheWindowAsync(page.Locator("[data-testid=offline-status]").First, 360);
        (await TableScrollsSidewaysAsync(page, "offline-table")).Should().BeFalse();
        (await HorizontalOverflowAsync(page)).Should().BeFalse();
    }

    [Fact]
    public async Task At_360_px_history_fits_the_window_with_its_whole_search_box()
    {
        await app.AnsweredAsync("Di mana saya bisa membaca koleksi surat kabar langka terbitan Batavia?", "Di layanan koleksi surat kabar langka, lantai 11.");

        var page = await NewPageAsync(360, 780);
        await DeskPages.SignInAsync(page, OpenDeskApp.LibrarianEmail, DeskApp.StaffPassword);
        await page.GotoAsync("/history");
        await DeskPages.WaitForInteractiveDeskAsync(page);
        await page.Locator("[data-testid=history-open]").First.WaitForAsync();
        await ScreenshotAsync(page, "history-360");

        await ShouldBeInsideTheWindowAsync(page.Locator("[data-testid=history-text]").First, 360);
        await ShouldBeInsideTheWindowAsync(page.Locator("[data-testid=history-search]"), 360);
        (await TableScrollsSidewaysAsync(page, "history-table")).Should().BeFalse();
        (await HorizontalOverflowAsync(page)).Should().BeFalse();
    }

    [Fact]
    public async Task At_360_px_the_app_bar_fits_and_its_user_menu_shows_the_whole_name()
    {
        var page = await NewPageAsync(360, 780);
        await DeskPages.SignInAsync(page, "hendra@test.local", DeskApp.StaffPassword);
        await ShouldBeInsideTheWindowAsync(page.Locator("[data-testid=user-menu-button]"), 360);

        await page.ClickAsync("[data-testid=user-menu-button]");
        var name = page.Locator("[data-testid=menu-signed-in-name]");
        await name.WaitForAsync();
        await ScreenshotAsync(page, "app-bar-360");
        await ShouldBeInsideTheWindowAsync(name, 360);
        (await name.InnerTextAsync()).Should().Be("Hendra Gunawan");
        (await name.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth + 1")).Should().BeTrue("the name is not cut");
        (await HorizontalOverflowAsync(page)).Should().BeFalse();
    }

    [Theory]
    [InlineData("/admin/ip-blocks", DeskApp.AdminEmail, "block-add")]
    [InlineData("/members", "hendra@test.local", null)]
    [InlineData("/admin/faq", "hendra@test.local", null)]
    [InlineData("/canned-responses", "hendra@test.local", null)]
    [InlineData("/analytics", "hendra@test.local", null)]
    public async Task At_360_px_a_pages_title_and_its_action_buttons_fit_the_window(string path, string email, string? lastAction)
    {
        var page = await NewPageAsync(360, 780);
        await DeskPages.SignInAsync(page, email, email == DeskApp.AdminEmail ? DeskApp.AdminPassword : DeskApp.StaffPassword);
        await page.GotoAsync(path);
        await DeskPages.WaitForInteractiveDeskAsync(page);
        await page.Locator("h1").First.WaitForAsync();
        await ScreenshotAsync(page, "page-header-360" + path.Replace('/', '-'));

        if (lastAction is not null)
        {
            await ShouldBeInsideTheWindowAsync(page.Locator($"[data-testid={lastAction}]"), 360);
        }

        (await HorizontalOverflowAsync(page)).Should().BeFalse("the buttons beside the title wrap below it instead of running off the right edge");
    }

    private async Task<IPage> NewPageAsync(int width, int height)
    {
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await page.SetViewportSizeAsync(width, height);
        return page;
    }

    /// <summary>On screen as the page opens: the window scrolls down to it, nothing scrolls sideways, nothing clips or covers it.</summary>
    private static async Task ShouldBeInsideTheWindowAsync(ILocator element, int width)
    {
        await element.EvaluateAsync("e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 120)");
        (await element.IsVisibleAsync()).Should().BeTrue();
        var box = (await element.BoundingBoxAsync())!;
        box.X.Should().BeGreaterThanOrEqualTo(0);
        (box.X + box.Width).Should().BeLessThanOrEqualTo(width);
        (await element.EvaluateAsync<bool>("""
            e => {
                const r = e.getBoundingClientRect();
                const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return hit !== null && (e === hit || e.contains(hit));
            }
            """)).Should().BeTrue("nothing clips or covers it");
    }

    private static Task<bool> TableScrollsSidewaysAsync(IPage page, string table) =>
        page.EvaluateAsync<bool>($"() => [...document.querySelectorAll('[data-testid={table}] .mud-table-container')].some(c => c.scrollWidth > c.clientWidth + 1)");

    private static Task<bool> HorizontalOverflowAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth");

    private static Task ScreenshotAsync(IPage page, string name) => DeskPages.ScreenshotAsync(page, name);
}
