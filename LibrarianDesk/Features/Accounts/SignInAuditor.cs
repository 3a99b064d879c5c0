using LibrarianDesk.Data;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Hosting;
using LibrarianDesk.Shared.Auditing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Accounts;

/// <summary>Every sign-in attempt, good or bad, goes to the audit log: IT staff look there first after a lockout.</summary>
public sealed class SignInAuditor(IDbContextFactory<DeskDbContext> dbFactory, AuditTrail audit, IHttpContextAccessor http)
{
    public async Task RecordAsync(string email, SignInResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        await using var db = await dbFactory.CreateDbContextAsync();
        var normalizedEmail = email.ToUpperInvariant();
        var account = await db.Users.Where(u => u.NormalizedEmail == normalizedEmail)
            .Select(u => new { u.Id, u.DisplayName, u.LockoutEnd }).SingleOrDefaultAsync();
        // Whatever was typed into an unknown account's email box (sometimes a password) stays out of the log.
        var target = EmailAddresses.IsValid(email) ? email : "?";
        var actor = account is null ? new AuditActor(null, target) : new AuditActor(account.Id, account.DisplayName);
        var action = result switch
        {
            { Succeeded: true } => AuditActions.SignInSucceeded,
            // The person signing in is told "locked" only with the right password (DeskSignInManager);
            // the log says it for every attempt on a locked account, and for the one that locked it.
            // Identity tests a lock against the system clock, so this does too.
            { IsLockedOut: true } => AuditActions.SignInLockedOut,
            { RequiresTwoFactor: true } => AuditActions.SignInAwaitingSecondFactor,
            _ when account?.LockoutEnd >= DateTimeOffset.UtcNow => AuditActions.SignInLockedOut,
            _ => AuditActions.SignInFailed,
        };
        audit.Record(db, actor, action, target, $"IP {http.HttpContext.GetClientAddress()}");
        await db.SaveChangesAsync();
    }

    /// <summary>The second step of a sign-in: an authenticator code or a recovery code, after the password.</summary>
    public async Task RecordSecondStepAsync(Librarian account, SignInResult result, SecondFactor factor, int recoveryCodesLeft = 0)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(result);
        await using var db = await dbFactory.CreateDbContextAsync();
        var actor = new AuditActor(account.Id, account.DisplayName);
        var details = $"IP {http.HttpContext.GetClientAddress()}; {(factor == SecondFactor.RecoveryCode ? "recovery code" : "authenticator code")}";
        var action = result switch
        {
            { Succeeded: true } => AuditActions.SignInSucceeded,
            { IsLockedOut: true } => AuditActions.SignInLockedOut,
            _ => AuditActions.SignInSecondFactorFailed,
        };
        audit.Record(db, actor, action, account.Email, details);
        if (result.Succeeded && factor == SecondFactor.RecoveryCode)
        {
            audit.Record(db, actor, AuditActions.RecoveryCodeUsed, account.Email, $"{recoveryCodesLeft} left");
        }

        await db.SaveChangesAsync();
    }
}

public enum SecondFactor
{
    AuthenticatorCode,
    RecoveryCode,
}
