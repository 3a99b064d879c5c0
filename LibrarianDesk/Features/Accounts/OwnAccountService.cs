using System.Security.Claims;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Shared.Auditing;
using Microsoft.AspNetCore.Identity;

namespace LibrarianDesk.Features.Accounts;

/// <summary>
/// What staff members change on their own account, from the account pages: the password and the
/// authenticator app. Each change is audited in the same unit of work as Identity's store, and a change that
/// renews the security stamp gives the browser a fresh cookie so the session goes on. Scoped: one request.
/// </summary>
public sealed class OwnAccountService(
    UserManager<Librarian> users,
    IUserStore<Librarian> store,
    SignInManager<Librarian> signIn,
    DeskDbContext db,
    AuditTrail audit,
    TwoFactorRequirements requirements)
{
    public int RequiredPasswordLength => users.Options.Password.RequiredLength;

    public int LockoutMinutes => (int)Math.Ceiling(users.Options.Lockout.DefaultLockoutTimeSpan.TotalMinutes);

    /// <summary>The signed-in account, or null when it no longer exists.</summary>
    public Task<Librarian?> FindAsync(ClaimsPrincipal user) => users.GetUserAsync(user);

    /// <summary>A new password, which also lifts "must change password"; Identity's refusals come back as its errors.</summary>
    public async Task<IdentityResult> ChangePasswordAsync(ClaimsPrincipal user, Librarian account, string currentPassword, string newPassword)
    {
        ArgumentNullException.ThrowIfNull(account);

        // Cleared before the change, which saves the account once, together with the new password.
        account.MustChangePassword = false;
        var result = await users.ChangePasswordAsync(account, currentPassword, newPassword);
        if (result.Succeeded)
        {
            await RecordAsync(user, AuditActions.PasswordChanged, account);

            // A fresh cookie: the old one carries the "must change" mark and the old security stamp.
            await signIn.RefreshSignInAsync(account);
        }

        return result;
    }

    /// <summary>Whether one of the account's roles requires an authenticator app (then it cannot be turned off).</summary>
    public async Task<bool> IsTwoFactorRequiredAsync(Librarian account) =>
        await requirements.IsRequiredForAnyAsync(await users.GetRolesAsync(account));

    public Task<int> RecoveryCodesLeftAsync(Librarian account) => users.CountRecoveryCodesAsync(account);

    /// <summary>The key the enrolment page shows (see <see cref="Authenticator.KeyAsync"/>).</summary>
    public Task<string> AuthenticatorKeyAsync(Librarian account) => Authenticator.KeyAsync(users, store, account);

    /// <summary>Turns the authenticator on when the code from the app is right: the new recovery codes, or null for a wrong code.</summary>
    public async Task<IReadOnlyList<string>?> EnrolAsync(ClaimsPrincipal user, Librarian account, string? code)
    {
        if (!await Authenticator.VerifyCodeAsync(users, account, code))
        {
            return null;
        }

        await users.SetTwoFactorEnabledAsync(account, true);
        var recoveryCodes = await NewRecoveryCodesAsync(account);
        await RecordAsync(user, AuditActions.TwoFactorEnabled, account);

        // Enabling changed the security stamp: a fresh cookie, which also no longer carries the "must enrol" mark.
        await signIn.RefreshSignInAsync(account);
        return recoveryCodes;
    }

    /// <summary>
    /// A current app code or the password, before the factor changes. Wrong answers count toward the
    /// account's lockout like wrong sign-ins, so an unattended session cannot be used to guess either.
    /// </summary>
    public async Task<Proof> ProveAsync(Librarian account, string? proof)
    {
        if (await users.IsLockedOutAsync(account))
        {
            return Proof.LockedOut;
        }

        var proven = !string.IsNullOrEmpty(proof) && proof.Length <= 256
            && (Authenticator.NormaliseCode(proof) is { Length: 6 } code && code.All(char.IsAsciiDigit)
                ? await Authenticator.VerifyCodeAsync(users, account, code)
                : await users.CheckPasswordAsync(account, proof));
        if (!proven)
        {
            await users.AccessFailedAsync(account);
        }

        return proven ? Proof.Proven : Proof.Wrong;
    }

    /// <summary>New recovery codes in place of the old ones (after <see cref="ProveAsync"/>).</summary>
    public async Task<IReadOnlyList<string>> RegenerateRecoveryCodesAsync(ClaimsPrincipal user, Librarian account)
    {
        var recoveryCodes = await NewRecoveryCodesAsync(account);
        await RecordAsync(user, AuditActions.RecoveryCodesRegenerated, account);
        return recoveryCodes;
    }

    /// <summary>Turns the authenticator off (after <see cref="ProveAsync"/>; see <see cref="Authenticator.TurnOffAsync"/>).</summary>
    public async Task<IdentityResult> TurnOffTwoFactorAsync(ClaimsPrincipal user, Librarian account)
    {
        var result = await Authenticator.TurnOffAsync(users, account);
        if (result.Succeeded)
        {
            await RecordAsync(user, AuditActions.TwoFactorDisabled, account);
            await signIn.RefreshSignInAsync(account);
        }

        return result;
    }

    private async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(Librarian account) =>
        (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, Authenticator.RecoveryCodeCount))!.ToList();

    private async Task RecordAsync(ClaimsPrincipal user, string action, Librarian account)
    {
        audit.Record(db, AuditActor.From(user), action, account.Email);
        await db.SaveChangesAsync();
    }
}

/// <summary>How a staff member's proof (an app code or the password) before a change to the second factor went.</summary>
public enum Proof
{
    Proven,
    Wrong,
    LockedOut,
}
