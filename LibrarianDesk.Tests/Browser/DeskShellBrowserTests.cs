using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

public sealed class DeskShellBrowserTests(DeskApp app, Chromium chromium) : IClassFixture<DeskApp>, IClassFixture<Chromium>
{
    private static Task SignInAsync(IPage page, string email, string password) => DeskPages.SignInAsync(page, email, password);

    private static Task WaitForInteractiveDeskAsync(IPage page) => DeskPages.WaitForInteractiveDeskAsync(page);

    private static Task ScreenshotAsync(IPage page, string name) => DeskPages.ScreenshotAsync(page, name);

    [Fact]
    public async Task The_administrator_signs_in_and_sees_the_Indonesian_dashboard_then_switches_to_English()
    {
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await SignInAsync(page, DeskApp.AdminEmail, DeskApp.AdminPassword);

        (await page.TextContentAsync("h1")).Should().Be("Meja layanan");
        (await page.TextContentAsync("[data-testid=signed-in-name]")).Should().Be("Administrator");
        (await page.TextContentAsync("[data-testid=nav-accounts]"))!.Trim().Should().Be("Akun");
        (await page.TextContentAsync("[data-testid=wib-clock]")).Should().EndWith("WIB");
        await ScreenshotAsync(page, "dashboard-id");

        await page.ClickAsync("[data-testid=language-menu] button");
        await page.ClickAsync("[data-testid=language-en]");
        await page.WaitForSelectorAsync("h1:text-is('The desk')");
        await WaitForInteractiveDeskAsync(page);
        (await page.TextContentAsync("[data-testid=nav-accounts]"))!.Trim().Should().Be("Accounts");
        await ScreenshotAsync(page, "dashboard-en");
    }

    [Fact]
    public async Task Going_online_shows_on_a_colleagues_dashboard_without_a_reload()
    {
        await StaffAccounts.CreateAsync(app, "online@test.local", [DeskRoles.Librarian], "Sari Online");
        await StaffAccounts.CreateAsync(app, "watcher@test.local", [DeskRoles.Librarian], "Budi Watcher");
        var watcher = await chromium.NewPageAsync(app.BaseAddress);
        await SignInAsync(watcher, "watcher@test.local", DeskApp.StaffPassword);
        var row = watcher.Locator("[data-testid=staff-row]", new() { HasText = "Sari Online" });
        (await row.Locator("[data-presence]").GetAttributeAsync("data-presence")).Should().Be("offline");

        var librarian = await chromium.NewPageAsync(app.BaseAddress);
        await SignInAsync(librarian, "online@test.local", DeskApp.StaffPassword);
        await librarian.ClickAsync("[data-testid=presence-current]");
        await librarian.ClickAsync("[data-testid=presence-online]");
        await librarian.WaitForSelectorAsync("[data-testid=presence-current] [data-presence=online]");

        await row.Locator("[data-presence=online]").WaitForAsync();
        await ScreenshotAsync(watcher, "dashboard-colleague-online");
    }

    [Fact]
    public async Task An_IT_admin_creates_a_librarian_account_and_is_shown_its_one_time_password()
    {
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await SignInAsync(page, DeskApp.AdminEmail, DeskApp.AdminPassword);
        await page.ClickAsync("[data-testid=nav-accounts]");
        await page.WaitForSelectorAsync("[data-testid=accounts-table]");

        await page.ClickAsync("[data-testid=account-create]");
        await page.FillAsync("[data-testid=account-email]", "not-an-email");
        await page.FillAsync("[data-testid=account-display-name]", "Dewi Lestari");
        await page.ClickAsync("[data-testid=account-save]");
        (await page.TextContentAsync("[data-testid=account-error]")).Should().Be("Alamat email tidak valid.");

        await page.FillAsync("[data-testid=account-email]", "dewi@test.local");
        await page.ClickAsync("[data-testid=account-save]");
        var password = await page.TextContentAsync("[data-testid=one-time-password]");
        password.Should().MatchRegex("^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$");
        await ScreenshotAsync(page, "accounts-one-time-password");
        await page.ClickAsync("[data-testid=one-time-password-done]");
        await page.Locator("[data-testid=accounts-table] td", new() { HasText = "dewi@test.local" }).WaitForAsync();
        await ScreenshotAsync(page, "accounts-id");
    }

    [Fact]
    public async Task A_supervisor_sees_the_week_and_the_holidays_and_a_bad_range_is_refused()
    {
        await StaffAccounts.CreateAsync(app, "supervisor@test.local", [DeskRoles.Librarian, DeskRoles.Supervisor], "Hendra Supervisor");
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await SignInAsync(page, "supervisor@test.local", DeskApp.StaffPassword);
        await page.ClickAsync("[data-testid=nav-service-hours]");
        await page.WaitForSelectorAsync("[data-testid=weekly-schedule]");
        await page.Locator("[data-testid=holiday-date]", new() { HasText = "17 Agu 2026" }).WaitForAsync();
        await ScreenshotAsync(page, "service-hours-id");

        await page.ClickAsync("[data-testid=add-range-Sunday]");
        var sunday = page.Locator("[data-testid=day-Sunday] input[type=time]");
        await sunday.Nth(1).WaitForAsync();
        await sunday.Nth(0).FillAsync("15:00");
        await sunday.Nth(1).FillAsync("10:00");
        await page.ClickAsync("[data-testid=save-week]");
        (await page.TextContentAsync("[data-testid=week-problem]")).Should().Contain("Minggu").And.Contain("15.00–10.00");
    }

    [Fact]
    public async Task A_deactivated_librarians_open_desk_returns_to_the_sign_in_page_at_once()
    {
        var account = await StaffAccounts.CreateAsync(app, "deactivated@test.local", [DeskRoles.Librarian], "Yogi Leaving");
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await SignInAsync(page, "deactivated@test.local", DeskApp.StaffPassword);

        var result = await app.Service<LibrarianDesk.Features.Accounts.AccountService>()
            .SetActiveAsync(new LibrarianDesk.Features.Audit.AuditActor(null, "IT admin"), account.Id, active: false);
        result.Succeeded.Should().BeTrue();

        await DeskPages.WaitForUrlAsync(page, "**/Account/Login**");
        await page.FillAsync("[data-testid=signin-email]", "deactivated@test.local");
        await page.FillAsync("[data-testid=signin-password]", DeskApp.StaffPassword);
        await page.ClickAsync("[data-testid=signin-submit]");
        (await page.TextContentAsync("[data-testid=signin-error]")).Should().Contain("sudah dinonaktifkan");
        await ScreenshotAsync(page, "signin-deactivated-id");
    }
}
