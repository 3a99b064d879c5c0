using System.Net;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Accounts;

/// <summary>An IT admin requires two-factor sign-in for a role: its accounts enrol before anything else opens.</summary>
public sealed class TwoFactorRequirementTests(DeskApp app) : IClassFixture<DeskApp>
{
    private static readonly AuditActor ItAdmin = new(null, "IT admin in a test");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private AccountService Accounts => app.Service<AccountService>();

    private async Task<(Librarian Account, HttpClient Client)> SignedInAsync(string name, params string[] roles)
    {
        var account = await StaffAccounts.CreateAsync(app, $"{name}-{Guid.NewGuid():N}@test.local", roles, name);
        var client = app.CreateBrowserClient();
        await SignIn.AsAsync(client, account.Email!, DeskApp.StaffPassword);
        return (account, client);
    }

    [Fact]
    public async Task A_supervisor_without_an_authenticator_is_sent_to_enrolment_until_enrolled_and_a_librarian_is_not()
    {
        (await Accounts.SetTwoFactorRequiredAsync(ItAdmin, DeskRoles.Supervisor, required: true)).Succeeded.Should().BeTrue();
        var (supervisor, client) = await SignedInAsync("required", DeskRoles.Librarian, DeskRoles.Supervisor);
        using var _ = client;

        foreach (var path in new[] { "/", "/admin/service-hours", "/admin/audit" })
        {
            var refused = await client.GetAsync(path, Cancel);
            refused.StatusCode.Should().Be(HttpStatusCode.Redirect, path);
            SignIn.RedirectPath(refused).Should().Be(AccountPaths.TwoFactor, path);
        }

        var page = await client.GetStringAsync(AccountPaths.TwoFactor, Cancel);
        page.Should().Contain("Peran Anda mewajibkan autentikasi dua langkah").And.NotContain("data-testid=\"two-factor-back\"");

        await TwoFactorForms.EnrolAsync(client);
        (await client.GetAsync("/", Cancel)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/admin/service-hours", Cancel)).StatusCode.Should().Be(HttpStatusCode.OK);
        var enrolled = await client.GetStringAsync(AccountPaths.TwoFactor, Cancel);
        enrolled.Should().Contain("tidak bisa dimatikan").And.NotContain("data-testid=\"disable-submit\"");

        var (_, librarian) = await SignedInAsync("optional", DeskRoles.Librarian);
        using var __ = librarian;
        (await librarian.GetAsync("/", Cancel)).StatusCode.Should().Be(HttpStatusCode.OK, "the Librarian role does not require it");

        await using var db = app.CreateDbContext();
        (await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.TwoFactorRequirementChanged && a.Target == DeskRoles.Supervisor, Cancel))
            .Should().BeTrue();
        (await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.TwoFactorEnabled && a.Target == supervisor.Email, Cancel)).Should().BeTrue();
    }

    [Fact]
    public async Task An_open_session_meets_a_new_requirement_at_its_next_page_and_loses_it_when_lifted()
    {
        var (_, client) = await SignedInAsync("itadmin-session", DeskRoles.ItAdmin);
        using var _ = client;
        (await client.GetAsync("/admin/accounts", Cancel)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await Accounts.SetTwoFactorRequiredAsync(ItAdmin, DeskRoles.ItAdmin, required: true)).Succeeded.Should().BeTrue();
        SignIn.RedirectPath(await client.GetAsync("/admin/accounts", Cancel)).Should().Be(AccountPaths.TwoFactor);

        (await Accounts.SetTwoFactorRequiredAsync(ItAdmin, DeskRoles.ItAdmin, required: false)).Succeeded.Should().BeTrue();
        (await client.GetAsync("/admin/accounts", Cancel)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task After_an_IT_admin_resets_the_authenticator_the_account_enrols_again_at_its_next_sign_in()
    {
        (await Accounts.SetTwoFactorRequiredAsync(ItAdmin, DeskRoles.Supervisor, required: true)).Succeeded.Should().BeTrue();
        var (supervisor, client) = await SignedInAsync("reset-required", DeskRoles.Supervisor);
        await TwoFactorForms.EnrolAsync(client);
        client.Dispose();

        (await Accounts.ResetAuthenticatorAsync(ItAdmin, supervisor.Id)).Succeeded.Should().BeTrue();

        using var browser = app.CreateBrowserClient();
        var password = await SignIn.PostAsync(browser, supervisor.Email!, DeskApp.StaffPassword);
        SignIn.RedirectPath(password).Should().Be("/", "the lost authenticator is no longer asked for");
        SignIn.RedirectPath(await browser.GetAsync("/", Cancel)).Should().Be(AccountPaths.TwoFactor);
        (await browser.GetStringAsync(AccountPaths.TwoFactor, Cancel)).Should().Contain("data-testid=\"authenticator-key\"");
    }

    [Fact]
    public async Task An_unknown_role_or_a_caller_who_is_no_IT_admin_changes_nothing()
    {
        var unknown = await Accounts.SetTwoFactorRequiredAsync(ItAdmin, "Root", required: true);
        unknown.Errors.Should().Equal(AccountErrors.RoleRequired);

        var librarian = await StaffAccounts.CreateAsync(app, $"not-admin-{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian]);
        var refused = await Accounts.SetTwoFactorRequiredAsync(new AuditActor(librarian.Id, "Librarian"), DeskRoles.Librarian, required: true);
        refused.Errors.Should().Equal(AccountErrors.NotAllowed);

        await using var db = app.CreateDbContext();
        (await db.DeskSettings.AnyAsync(s => s.Key == "TwoFactor.Required.Root" || s.Key == "TwoFactor.Required.Librarian", Cancel)).Should().BeFalse();
        (await app.Service<TwoFactorRequirements>().RequiredRolesAsync(Cancel)).Should().NotContain(DeskRoles.Librarian);
    }
}
