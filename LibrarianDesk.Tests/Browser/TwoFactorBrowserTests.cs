using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

/// <summary>A role that requires two-factor sign-in, met in Chromium by a supervisor who has not enrolled yet.</summary>
public sealed class TwoFactorBrowserTests(DeskApp app, Chromium chromium) : IClassFixture<DeskApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_supervisor_in_a_required_role_lands_on_enrolment_cannot_leave_it_enrols_from_the_key_text_and_reaches_the_desk()
    {
        (await app.Service<AccountService>().SetTwoFactorRequiredAsync(new AuditActor(null, "IT admin"), DeskRoles.Supervisor, required: true))
            .Succeeded.Should().BeTrue();
        await StaffAccounts.CreateAsync(app, "rina@test.local", [DeskRoles.Librarian, DeskRoles.Supervisor], "Rina Supervisor");
        var page = await chromium.NewPageAsync(app.BaseAddress);

        await page.GotoAsync("/");
        await DeskPages.WaitForUrlAsync(page, "**/Account/Login**");
        await page.FillAsync("[data-testid=signin-email]", "rina@test.local");
        await page.FillAsync("[data-testid=signin-password]", DeskApp.StaffPassword);
        await page.ClickAsync("[data-testid=signin-submit]");
        await DeskPages.WaitForUrlAsync(page, "**/Account/TwoFactor");
        await page.Locator("[data-testid=must-enrol-two-factor]").WaitForAsync();
        (await page.Locator("[data-testid=authenticator-qr] svg").CountAsync()).Should().Be(1);

        foreach (var elsewhere in new[] { "/", "/admin/service-hours", "/history" })
        {
            await page.GotoAsync(elsewhere);
            page.Url.Should().EndWith(AccountPaths.TwoFactor, $"{elsewhere} must not open before enrolment");
        }

        await ScreenshotsAsync(page, "two-factor-enrol-id");
        await page.GotoAsync("/culture/en?returnUrl=/Account/TwoFactor");
        (await page.TextContentAsync("h1")).Should().Be("Two-factor authentication");
        await ScreenshotsAsync(page, "two-factor-enrol-en");
        await page.GotoAsync("/culture/id?returnUrl=/Account/TwoFactor");

        // "Scanning": the key as the page shows it in text, typed into an authenticator.
        var key = await page.TextContentAsync("[data-testid=authenticator-key]");
        await page.FillAsync("[data-testid=enrol-code]", Totp.Code(key!));
        await page.ClickAsync("[data-testid=enrol-submit]");
        await page.Locator("[data-testid=recovery-codes]").WaitForAsync();
        (await page.Locator("[data-testid=recovery-code]").CountAsync()).Should().Be(10);
        (await page.TextContentAsync("[data-testid=recovery-codes-warning]")).Should().Contain("hanya ditampilkan sekali");
        await DeskPages.ScreenshotAsync(page, "two-factor-recovery-codes-id");

        await page.ClickAsync("[data-testid=two-factor-continue]");
        await DeskPages.WaitForInteractiveDeskAsync(page);
        (await page.TextContentAsync("h1")).Should().Be("Meja layanan");
        await page.GotoAsync("/admin/service-hours");
        await page.WaitForSelectorAsync("[data-testid=weekly-schedule]");
    }

    [Fact]
    public async Task Signing_in_with_an_authenticator_asks_for_the_code_after_the_password()
    {
        await StaffAccounts.CreateAsync(app, "budi@test.local", [DeskRoles.Librarian], "Budi Librarian");
        using var client = app.CreateBrowserClient();
        await SignIn.AsAsync(client, "budi@test.local", DeskApp.StaffPassword);
        var (key, _) = await TwoFactorForms.EnrolAsync(client);

        var page = await chromium.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/");
        await DeskPages.WaitForUrlAsync(page, "**/Account/Login**");
        await page.FillAsync("[data-testid=signin-email]", "budi@test.local");
        await page.FillAsync("[data-testid=signin-password]", DeskApp.StaffPassword);
        await page.ClickAsync("[data-testid=signin-submit]");
        await DeskPages.WaitForUrlAsync(page, "**/Account/Login/TwoFactor**");
        await page.FillAsync("[data-testid=signin-code]", Totp.WrongCode(key));
        await page.ClickAsync("[data-testid=signin-code-submit]");
        (await page.TextContentAsync("[data-testid=signin-code-error]")).Should().Contain("Kode salah");
        await DeskPages.ScreenshotAsync(page, "two-factor-signin-id");

        await page.FillAsync("[data-testid=signin-code]", Totp.Code(key));
        await page.CheckAsync("[data-testid=remember-browser]");
        await page.ClickAsync("[data-testid=signin-code-submit]");
        await DeskPages.WaitForInteractiveDeskAsync(page);
        (await page.TextContentAsync("h1")).Should().Be("Meja layanan");
    }

    private static async Task ScreenshotsAsync(IPage page, string name)
    {
        await page.SetViewportSizeAsync(1440, 900);
        await DeskPages.ScreenshotAsync(page, name + "-1440");
        await page.SetViewportSizeAsync(360, 740);
        await DeskPages.ScreenshotAsync(page, name + "-360");
        await page.SetViewportSizeAsync(1366, 800);
    }
}
