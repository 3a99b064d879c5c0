using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Features.Accounts;

public sealed class AccountServiceTests(DeskApp app) : IClassFixture<DeskApp>
{
    private static readonly AuditActor ItAdmin = new(null, "IT admin in a test");

    private AccountService Accounts => app.Service<AccountService>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<int> AccountCountAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.Users.CountAsync(Cancel);
    }

    private async Task<bool> PasswordWorksAsync(string accountId, string password)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Librarian>>();
        return await users.CheckPasswordAsync((await users.FindByIdAsync(accountId))!, password);
    }

    [Fact]
    public async Task Creating_an_account_gives_a_one_time_password_that_must_be_changed()
    {
        var result = await Accounts.CreateAsync(ItAdmin, new AccountDraft("  new.librarian@test.local ", " Nur Hidayat ", [DeskRoles.Librarian]));

        result.Succeeded.Should().BeTrue();
        (await PasswordWorksAsync(result.AccountId!, result.GeneratedPassword!)).Should().BeTrue();
        var row = (await Accounts.ListAsync(Cancel)).Single(a => a.Id == result.AccountId);
        row.Should().BeEquivalentTo(new { Email = "new.librarian@test.local", DisplayName = "Nur Hidayat", IsActive = true, MustChangePassword = true });
        row.Roles.Should().Equal(DeskRoles.Librarian);

        await using var db = app.CreateDbContext();
        (await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.AccountCreated && a.Target == "new.librarian@test.local", Cancel))
            .Should().BeTrue();
    }

    [Fact]
    public async Task A_duplicate_email_is_refused_and_creates_nothing()
    {
        (await Accounts.CreateAsync(ItAdmin, new AccountDraft("twice@test.local", "First", [DeskRoles.Librarian]))).Succeeded.Should().BeTrue();
        var before = await AccountCountAsync();

        var second = await Accounts.CreateAsync(ItAdmin, new AccountDraft("TWICE@test.local", "Second", [DeskRoles.Librarian]));

        second.Succeeded.Should().BeFalse();
        second.Errors.Should().Contain(e => e == "DuplicateEmail" || e == "DuplicateUserName");
        (await AccountCountAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("not-an-email", "Name", AccountErrors.InvalidEmail)]
    [InlineData("a@b.local\r\nBcc: x@y.local", "Name", AccountErrors.InvalidEmail)]
    [InlineData("ok@test.local", "   ", AccountErrors.DisplayNameRequired)]
    public async Task Bad_input_is_refused_with_its_reason_and_creates_nothing(string email, string displayName, string expected)
    {
        var before = await AccountCountAsync();
        var result = await Accounts.CreateAsync(ItAdmin, new AccountDraft(email, displayName, [DeskRoles.Librarian]));
        result.Errors.Should().Contain(expected);
        (await AccountCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task An_account_needs_at_least_one_known_role_and_a_display_name_of_reasonable_length()
    {
        (await Accounts.CreateAsync(ItAdmin, new AccountDraft("noroles@test.local", "Name", []))).Errors.Should().Contain(AccountErrors.RoleRequired);
        (await Accounts.CreateAsync(ItAdmin, new AccountDraft("badrole@test.local", "Name", ["Root"]))).Errors.Should().Contain(AccountErrors.RoleRequired);
        (await Accounts.CreateAsync(ItAdmin, new AccountDraft("long@test.local", new string('x', 81), [DeskRoles.Librarian])))
            .Errors.Should().Contain(AccountErrors.DisplayNameTooLong);
    }

    [Fact]
    public async Task Markup_in_a_display_name_is_kept_as_plain_text()
    {
        var result = await Accounts.CreateAsync(ItAdmin, new AccountDraft("markup@test.local", "<script>alert(1)</script>", [DeskRoles.Librarian]));
        result.Succeeded.Should().BeTrue();
        (await Accounts.ListAsync(Cancel)).Single(a => a.Id == result.AccountId).DisplayName.Should().Be("<script>alert(1)</script>");
    }

    [Fact]
    public async Task Editing_changes_the_display_name_and_roles()
    {
        var created = await Accounts.CreateAsync(ItAdmin, new AccountDraft("promote@test.local", "Ratna", [DeskRoles.Librarian]));
        var updated = await Accounts.UpdateAsync(ItAdmin, created.AccountId!, new AccountDraft("", "Ratna Siregar", [DeskRoles.Librarian, DeskRoles.Supervisor]));

        updated.Succeeded.Should().BeTrue();
        var row = (await Accounts.ListAsync(Cancel)).Single(a => a.Id == created.AccountId);
        row.DisplayName.Should().Be("Ratna Siregar");
        row.Roles.Should().BeEquivalentTo(DeskRoles.Librarian, DeskRoles.Supervisor);
    }

    [Fact]
    public async Task The_last_active_IT_admin_can_be_neither_demoted_nor_deactivated()
    {
        var admins = (await Accounts.ListAsync(Cancel)).Where(a => a.IsActive && a.Roles.Contains(DeskRoles.ItAdmin)).ToList();
        admins.Should().ContainSingle("the bootstrap administrator is the only IT admin of this fixture");
        var admin = admins.Single();

        (await Accounts.UpdateAsync(ItAdmin, admin.Id, new AccountDraft("", admin.DisplayName, [DeskRoles.Librarian])))
            .Errors.Should().Equal(AccountErrors.LastItAdmin);
        (await Accounts.SetActiveAsync(ItAdmin, admin.Id, active: false)).Errors.Should().Equal(AccountErrors.LastItAdmin);
        (await Accounts.ListAsync(Cancel)).Single(a => a.Id == admin.Id).Roles.Should().Contain(DeskRoles.ItAdmin);
    }

    [Fact]
    public async Task Nobody_deactivates_their_own_account()
    {
        var created = await StaffAccounts.CreateAsync(app, "self@test.local", [DeskRoles.ItAdmin], "Self");
        var self = new AuditActor(created.Id, "Self");
        (await Accounts.SetActiveAsync(self, created.Id, active: false)).Errors.Should().Equal(AccountErrors.CannotDeactivateSelf);

        // Leave the fixture with one IT admin, as the last-admin test expects.
        (await Accounts.SetActiveAsync(ItAdmin, created.Id, active: false)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Changing_roles_ends_the_accounts_open_sessions()
    {
        var account = await StaffAccounts.CreateAsync(app, "promoted@test.local", [DeskRoles.Librarian]);
        using var client = app.CreateBrowserClient();
        await SignIn.AsAsync(client, "promoted@test.local", DeskApp.StaffPassword);

        (await Accounts.UpdateAsync(ItAdmin, account.Id, new AccountDraft("", "Promoted", [DeskRoles.Librarian, DeskRoles.Supervisor])))
            .Succeeded.Should().BeTrue();

        SignIn.RedirectPath(await client.GetAsync("/", Cancel)).Should().Contain("/Account/Login");
    }

    [Fact]
    public async Task An_actor_who_is_no_longer_an_IT_admin_is_refused_even_from_an_open_page()
    {
        var librarian = await StaffAccounts.CreateAsync(app, "not-admin@test.local", [DeskRoles.Librarian]);
        var before = await AccountCountAsync();

        var result = await Accounts.CreateAsync(new AuditActor(librarian.Id, "Not an admin"), new AccountDraft("sneaky@test.local", "Sneaky", [DeskRoles.ItAdmin]));

        result.Errors.Should().Equal(AccountErrors.NotAllowed);
        (await AccountCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Resetting_a_password_replaces_it_unlocks_the_account_and_asks_for_a_change()
    {
        var account = await StaffAccounts.CreateAsync(app, "forgetful@test.local", [DeskRoles.Librarian]);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Librarian>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(account.Id))!, DateTimeOffset.UtcNow.AddMinutes(10));
        }

        var result = await Accounts.ResetPasswordAsync(ItAdmin, account.Id);

        result.Succeeded.Should().BeTrue();
        (await PasswordWorksAsync(account.Id, result.GeneratedPassword!)).Should().BeTrue();
        (await PasswordWorksAsync(account.Id, DeskApp.StaffPassword)).Should().BeFalse();
        var row = (await Accounts.ListAsync(Cancel)).Single(a => a.Id == account.Id);
        row.MustChangePassword.Should().BeTrue();
        row.LockedOutUntil.Should().BeNull();
    }

    [Fact]
    public async Task A_reactivated_account_signs_in_again()
    {
        var account = await StaffAccounts.CreateAsync(app, "returning@test.local", [DeskRoles.Librarian]);
        (await Accounts.SetActiveAsync(ItAdmin, account.Id, active: false)).Succeeded.Should().BeTrue();
        (await Accounts.SetActiveAsync(ItAdmin, account.Id, active: true)).Succeeded.Should().BeTrue();

        using var client = app.CreateBrowserClient();
        await SignIn.AsAsync(client, "returning@test.local", DeskApp.StaffPassword);
    }
}
