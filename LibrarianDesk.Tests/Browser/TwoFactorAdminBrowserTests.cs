using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

/// <summary>The IT admin's side of two-factor sign-in on the Accounts page: the requirement per role and the reset of a lost authenticator.</summary>
public sealed class TwoFactorAdminBrowserTests(DeskApp app, Chromium chromium) : IClassFixture<DeskApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task An_IT_admin_requires_it_for_a_role_and_resets_a_librarians_lost_authenticator()
    {
        var librarian = await StaffAccounts.CreateAsync(app, "lost-phone@test.local", [DeskRoles.Librarian], "Sari Lost Phone");
        using (var client = app.CreateBrowserClient())
        {
            await SignIn.AsAsync(client, librarian.Email!, DeskApp.StaffPassword);
            await TwoFactorForms.EnrolAsync(client);
        }

        var page = await chromium.NewPageAsync(app.BaseAddress);
        await DeskPages.SignInAsync(page, DeskApp.AdminEmail, DeskApp.AdminPassword);
        await page.ClickAsync("[data-testid=nav-accounts]");
        await page.WaitForSelectorAsync("[data-testid=accounts-table]");
        var requirements = app.Service<TwoFactorRequirements>();

        await page.ClickAsync("[data-testid=two-factor-required-Librarian]");
        await page.Locator(".mud-snackbar", new() { HasText = "kini wajib untuk peran Pustakawan" }).WaitForAsync();
        (await requirements.RequiredRolesAsync(TestContext.Current.CancellationToken)).Should().Contain(DeskRoles.Librarian);
        await DeskPages.ScreenshotAsync(page, "accounts-two-factor-id");

        var row = page.Locator("[data-testid=accounts-table] tr", new() { HasText = "lost-phone@test.local" });
        await row.Locator("[data-testid=account-two-factor-on]").WaitForAsync();
        await row.Locator("[data-testid=account-reset-authenticator]").ClickAsync();
        await page.Locator(".mud-dialog button", new() { HasText = "Atur ulang autentikator" }).ClickAsync();
        await page.Locator(".mud-snackbar", new() { HasText = "diatur ulang" }).WaitForAsync();
        await Assertions.Expect(row.Locator("[data-testid=account-reset-authenticator]")).ToHaveCountAsync(0);

        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<UserManager<Librarian>>().FindByIdAsync(librarian.Id))!.TwoFactorEnabled.Should().BeFalse();

        // Lifted again, so the requirement does not outlive this test on the desk it shares.
        await page.ClickAsync("[data-testid=two-factor-required-Librarian]");
        await page.Locator(".mud-snackbar", new() { HasText = "kini tidak wajib" }).WaitForAsync();
        (await requirements.RequiredRolesAsync(TestContext.Current.CancellationToken)).Should().NotContain(DeskRoles.Librarian);
    }
}
