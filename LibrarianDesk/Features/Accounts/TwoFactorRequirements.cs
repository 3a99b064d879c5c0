using LibrarianDesk.Data;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Accounts;

/// <summary>
/// Which roles must sign in with an authenticator app: one <see cref="DeskSetting"/> row per role. Read on
/// every request (the sign-in cookie is re-issued each time), so the answer is kept in memory and replaced
/// whenever it is changed here. (One server process; see the scale-out notes.)
/// </summary>
public sealed class TwoFactorRequirements(IDbContextFactory<DeskDbContext> dbFactory)
{
    private const string KeyPrefix = "TwoFactor.Required.";

    private volatile IReadOnlySet<string>? requiredRoles;

    public static string SettingKey(string role) => KeyPrefix + role;

    public async Task<IReadOnlySet<string>> RequiredRolesAsync(CancellationToken cancellationToken = default)
    {
        if (requiredRoles is { } cached)
        {
            return cached;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = DeskRoles.All.Select(SettingKey).ToList();
        var rows = await db.DeskSettings.AsNoTracking().Where(s => keys.Contains(s.Key)).ToListAsync(cancellationToken);
        var roles = rows.Where(r => bool.TryParse(r.Value, out var on) && on).Select(r => r.Key[KeyPrefix.Length..])
            .ToHashSet(StringComparer.Ordinal);
        requiredRoles = roles;
        return roles;
    }

    public async Task<bool> IsRequiredForAnyAsync(IEnumerable<string> roles) =>
        (await RequiredRolesAsync()).Overlaps(roles);

    /// <summary>Adds the change to <paramref name="db"/>; the caller saves it (with its audit entry), then calls <see cref="Forget"/>.</summary>
    public static async Task StageAsync(DeskDbContext db, string role, bool required)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.DeskSettings.SetAsync(SettingKey(role), required.ToString());
    }

    /// <summary>Drops the remembered answer, so the next question reads the database again.</summary>
    public void Forget() => requiredRoles = null;
}
