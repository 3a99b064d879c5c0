using System.Globalization;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Accounts;

/// <summary>
/// The services' own role check (defence in depth behind the route policy): before a service changes a
/// setting or reads personal data, the acting account must exist in the database, be active, have
/// replaced its generated password and hold one of the roles. Read from the database, not from the
/// caller's claims, so it holds for Blazor circuits, endpoints and hubs alike and sees a role removed a
/// moment ago. <see cref="AuditActor.System"/> (an actor without an account, which only code can make) is the
/// desk itself and always passes.
/// </summary>
public sealed partial class StaffCaller(IDbContextFactory<DeskDbContext> dbFactory, ILogger<StaffCaller> logger)
{
    public async Task RequireAsync(AuditActor actor, params string[] roles)
    {
        if (!await AllowsAsync(actor, roles))
        {
            throw new StaffRoleRequiredException(roles);
        }
    }

    /// <summary>The same check, answered instead of thrown, for a service that reports a refusal as its own result.</summary>
    public async Task<bool> AllowsAsync(AuditActor actor, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(roles);
        return actor.Id is null || await HoldsAsync(actor.Id, roles);
    }

    /// <summary>The same check for a caller known only by its account id (never the desk itself).</summary>
    public async Task RequireAccountAsync(string accountId, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(roles);
        if (!await HoldsAsync(accountId, roles))
        {
            throw new StaffRoleRequiredException(roles);
        }
    }

    private async Task<bool> HoldsAsync(string accountId, string[] roles)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var allowed = await db.Users.AnyAsync(u => u.Id == accountId && u.IsActive && !u.MustChangePassword
            && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!))));
        if (!allowed)
        {
            LogRefused(logger, accountId, string.Join(',', roles));
        }

        return allowed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused account {AccountId}: the service needs one of the roles {Roles}")]
    private static partial void LogRefused(ILogger logger, string accountId, string roles);
}

/// <summary>The caller lacks the role a service needs; an endpoint answers 403, a page shows its error.</summary>
public sealed class StaffRoleRequiredException(IReadOnlyList<string> roles)
    : UnauthorizedAccessException(string.Create(CultureInfo.InvariantCulture, $"role_required: this needs an active, fully signed-in account with one of the roles {string.Join(", ", roles)}."))
{
    public IReadOnlyList<string> Roles { get; } = roles;
}
