using LibrarianDesk.Data;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace LibrarianDesk.Features.Accounts;

/// <summary>
/// Account administration for the Accounts page. Each call runs in its own scope (fresh
/// <see cref="UserManager{TUser}"/> and DbContext), because a Blazor circuit lives for hours.
/// </summary>
public sealed class AccountService(
    StaffCaller callers, IServiceScopeFactory scopes, AuditTrail audit, DeskNotifier notifier, TimeProvider time, TwoFactorRequirements twoFactorRequirements,
    IStaffPresence presence)
{
    public async Task<IReadOnlyList<AccountRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        var rolesByUser = await (from ur in db.UserRoles
                                 join r in db.Roles on ur.RoleId equals r.Id
                                 select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return users.Select(u => new AccountRow(
                u.Id,
                u.Email ?? "",
                u.DisplayName,
                rolesByUser.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order(StringComparer.Ordinal).ToList(),
                u.IsActive,
                u.LockoutEnd > now ? u.LockoutEnd : null,
                u.Presence,
                u.MustChangePassword,
                u.TwoFactorEnabled))
            .ToList();
    }

    public async Task<AccountResult> CreateAsync(AuditActor actor, AccountDraft draft)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(draft);
        var problems = Validate(draft, requireEmail: true);
        if (problems.Count > 0)
        {
            return AccountResult.Failed(problems);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Librarian>>();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        if (!await callers.AllowsAsync(actor, DeskRoles.ItAdmin))
        {
            return AccountResult.Failed(AccountErrors.NotAllowed);
        }
        var email = draft.Email.Trim();
        var password = PasswordGenerator.Generate();
        var account = new Librarian
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = draft.DisplayName.Trim(),
            MustChangePassword = true,
            CreatedAt = time.GetUtcNow(),
        };

        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(account, password);
        if (!created.Succeeded)
        {
            return AccountResult.Failed(created.Errors.Select(e => e.Code));
        }

        var roles = await users.AddToRolesAsync(account, draft.Roles);
        if (!roles.Succeeded)
        {
            return AccountResult.Failed(roles.Errors.Select(e => e.Code));
        }

        audit.Record(db, actor, AuditActions.AccountCreated, email, "roles: " + string.Join(", ", draft.Roles));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return AccountResult.Success(account.Id, password);
    }

    /// <summary>
    /// Changes the account's name and roles. Role changes and deactivations run one at a time across every server:
    /// the "someone else is still an active IT admin" check and the change share one write transaction
    /// (<see cref="WriteTransaction"/>), or two IT admins demoting each other at the same moment would leave the desk
    /// with none.
    /// </summary>
    public async Task<AccountResult> UpdateAsync(AuditActor actor, string accountId, AccountDraft draft)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(draft);
        var problems = Validate(draft, requireEmail: false);
        if (problems.Count > 0)
        {
            return AccountResult.Failed(problems);
        }

        await using var scope = scopes.CreateAsyncScope();
        await using var transaction = await BeginAdministrationAsync(scope);
        var (refusal, users, db, account) = await AdministeredAsync(scope, actor, accountId);
        if (refusal is not null)
        {
            return refusal;
        }

        var current = await users.GetRolesAsync(account);
        if (current.Contains(DeskRoles.ItAdmin) && !draft.Roles.Contains(DeskRoles.ItAdmin)
            && await IsLastActiveItAdminAsync(users, account))
        {
            return AccountResult.Failed(AccountErrors.LastItAdmin);
        }

        account.DisplayName = draft.DisplayName.Trim();
        var steps = new[]
        {
            await users.UpdateAsync(account),
            await users.RemoveFromRolesAsync(account, current.Except(draft.Roles)),
            await users.AddToRolesAsync(account, draft.Roles.Except(current)),
        };
        if (steps.FirstOrDefault(s => !s.Succeeded) is { } failed)
        {
            return AccountResult.Failed(failed.Errors.Select(e => e.Code));
        }

        audit.Record(db, actor, AuditActions.AccountUpdated, account.Email,
            $"name: {account.DisplayName}; roles: {string.Join(", ", draft.Roles)}");
        await db.SaveChangesAsync();

        // Open desks carry the old roles in their sign-in: a new stamp makes them sign in again.
        var rolesChanged = !current.Order().SequenceEqual(draft.Roles.Order());
        if (rolesChanged)
        {
            await users.UpdateSecurityStampAsync(account);
        }

        await transaction.CommitAsync();
        if (rolesChanged)
        {
            // Without the Librarian role the account no longer staffs the desk: Offline, and patrons see it at once.
            await presence.ClearNonLibrariansAsync(account.Id);
            await notifier.PublishAsync(new AccountSignedOut(account.Id));
        }

        return AccountResult.Success(account.Id);
    }

    /// <summary>Gives the account a new one-time password and ends its sessions.</summary>
    public async Task<AccountResult> ResetPasswordAsync(AuditActor actor, string accountId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var scope = scopes.CreateAsyncScope();
        var (refusal, users, db, account) = await AdministeredAsync(scope, actor, accountId);
        if (refusal is not null)
        {
            return refusal;
        }

        var password = PasswordGenerator.Generate();
        var token = await users.GeneratePasswordResetTokenAsync(account);
        account.MustChangePassword = true;
        var reset = await users.ResetPasswordAsync(account, token, password);
        if (!reset.Succeeded)
        {
            return AccountResult.Failed(reset.Errors.Select(e => e.Code));
        }

        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        audit.Record(db, actor, AuditActions.AccountPasswordReset, account.Email);
        await db.SaveChangesAsync();
        await notifier.PublishAsync(new AccountSignedOut(account.Id));
        return AccountResult.Success(account.Id, password);
    }

    /// <summary>
    /// Makes the role's accounts sign in with an authenticator app (those not enrolled yet are sent to
    /// enrolment at their next page load), or no longer.
    /// </summary>
    public async Task<AccountResult> SetTwoFactorRequiredAsync(AuditActor actor, string role, bool required)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!DeskRoles.All.Contains(role))
        {
            return AccountResult.Failed(AccountErrors.RoleRequired);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        if (!await callers.AllowsAsync(actor, DeskRoles.ItAdmin))
        {
            return AccountResult.Failed(AccountErrors.NotAllowed);
        }

        await TwoFactorRequirements.StageAsync(db, role, required);
        audit.Record(db, actor, AuditActions.TwoFactorRequirementChanged, role, required ? "required" : "optional");
        await db.SaveChangesAsync();
        twoFactorRequirements.Forget();
        return AccountResult.Success(role);
    }

    /// <summary>
    /// For a lost phone: turns the account's two-factor sign-in off, with a new key, no recovery codes and
    /// no remembered browsers, and ends its sessions. A role that requires it sends the account to enrol again.
    /// </summary>
    public async Task<AccountResult> ResetAuthenticatorAsync(AuditActor actor, string accountId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var scope = scopes.CreateAsyncScope();
        var (refusal, users, db, account) = await AdministeredAsync(scope, actor, accountId);
        if (refusal is not null)
        {
            return refusal;
        }

        var reset = await Authenticator.TurnOffAsync(users, account);
        if (!reset.Succeeded)
        {
            return AccountResult.Failed(reset.Errors.Select(e => e.Code));
        }

        audit.Record(db, actor, AuditActions.AuthenticatorReset, account.Email);
        await db.SaveChangesAsync();
        await notifier.PublishAsync(new AccountSignedOut(account.Id));
        return AccountResult.Success(account.Id);
    }

    /// <summary>The account an IT admin acts on, with the scope's user manager and database; or why not.</summary>
    private async Task<(AccountResult? Refusal, UserManager<Librarian> Users, DeskDbContext Db, Librarian Account)> AdministeredAsync(
        AsyncServiceScope scope, AuditActor actor, string accountId)
    {
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Librarian>>();
        var db = scope.ServiceProvider.GetRequiredService<DeskDbContext>();
        if (!await callers.AllowsAsync(actor, DeskRoles.ItAdmin))
        {
            return (AccountResult.Failed(AccountErrors.NotAllowed), users, db, null!);
        }

        var account = await users.FindByIdAsync(accountId);
        return account is null ? (AccountResult.Failed(AccountErrors.NotFound), users, db, null!) : (null, users, db, account);
    }

    /// <summary>Deactivates (signs out everywhere, refuses sign-in) or reactivates an account; one at a time, as <see cref="UpdateAsync"/>.</summary>
    public async Task<AccountResult> SetActiveAsync(AuditActor actor, string accountId, bool active)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var scope = scopes.CreateAsyncScope();
        await using var transaction = await BeginAdministrationAsync(scope);
        var (refusal, users, db, account) = await AdministeredAsync(scope, actor, accountId);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!active && account.Id == actor.Id)
        {
            return AccountResult.Failed(AccountErrors.CannotDeactivateSelf);
        }

        if (!active && await users.IsInRoleAsync(account, DeskRoles.ItAdmin) && await IsLastActiveItAdminAsync(users, account))
        {
            return AccountResult.Failed(AccountErrors.LastItAdmin);
        }

        account.IsActive = active;
        if (!active)
        {
            account.Presence = Presence.Offline;
        }

        var updated = await users.UpdateAsync(account);
        if (!updated.Succeeded)
        {
            return AccountResult.Failed(updated.Errors.Select(e => e.Code));
        }

        // A new security stamp invalidates every cookie and circuit the account holds.
        await users.UpdateSecurityStampAsync(account);
        audit.Record(db, actor, active ? AuditActions.AccountReactivated : AuditActions.AccountDeactivated, account.Email);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        if (!active)
        {
            await notifier.PublishAsync(new AccountSignedOut(account.Id));
            await notifier.PublishAsync(new PresenceChanged(account.Id, account.DisplayName, Presence.Offline));
        }

        return AccountResult.Success(account.Id);
    }

    // The scope's context is the one its user manager writes through, so the whole change is in this transaction.
    private static Task<IDbContextTransaction> BeginAdministrationAsync(AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<DeskDbContext>().Database.BeginWriteTransactionAsync();

    private static async Task<bool> IsLastActiveItAdminAsync(UserManager<Librarian> users, Librarian account)
    {
        var admins = await users.GetUsersInRoleAsync(DeskRoles.ItAdmin);
        return !admins.Any(a => a.IsActive && a.Id != account.Id);
    }

    private static List<string> Validate(AccountDraft draft, bool requireEmail)
    {
        var problems = new List<string>();
        if (requireEmail && !EmailAddresses.IsValid(draft.Email))
        {
            problems.Add(AccountErrors.InvalidEmail);
        }

        if (string.IsNullOrWhiteSpace(draft.DisplayName))
        {
            problems.Add(AccountErrors.DisplayNameRequired);
        }
        else if (draft.DisplayName.Trim().Length > Librarian.MaxDisplayNameLength)
        {
            problems.Add(AccountErrors.DisplayNameTooLong);
        }

        if (draft.Roles.Count == 0 || draft.Roles.Any(r => !DeskRoles.All.Contains(r)))
        {
            problems.Add(AccountErrors.RoleRequired);
        }

        return problems;
    }
}

public sealed record AccountRow(
    string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool IsActive,
    DateTimeOffset? LockedOutUntil, Presence Presence, bool MustChangePassword, bool TwoFactorEnabled);

public sealed record AccountDraft(string Email, string DisplayName, IReadOnlyList<string> Roles);

public sealed record AccountResult(bool Succeeded, IReadOnlyList<string> Errors, string? AccountId, string? GeneratedPassword)
{
    public static AccountResult Success(string accountId, string? generatedPassword = null) =>
        new(true, [], accountId, generatedPassword);

    public static AccountResult Failed(IEnumerable<string> errors) => new(false, errors.ToList(), null, null);

    public static AccountResult Failed(string error) => Failed([error]);
}

/// <summary>Error codes of account administration; the UI shows each as a sentence from the resource files.</summary>
public static class AccountErrors
{
    public const string NotFound = "AccountNotFound";
    public const string InvalidEmail = "InvalidEmail";
    public const string DisplayNameRequired = "DisplayNameRequired";
    public const string DisplayNameTooLong = "DisplayNameTooLong";
    public const string RoleRequired = "RoleRequired";
    public const string LastItAdmin = "LastItAdmin";
    public const string CannotDeactivateSelf = "CannotDeactivateSelf";
    public const string NotAllowed = "AccountsNotAllowed";
}
