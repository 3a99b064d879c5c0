using LibrarianDesk.Data;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Desk;

/// <summary>
/// Every server's reports of its desk tabs, in the database (PostgreSQL, where several servers share it). Each server
/// writes only its own rows (one upsert per report); the sweep reads them all and removes those past any use.
/// </summary>
internal sealed class PresenceHeartbeats(IDbContextFactory<DeskDbContext> dbFactory, string serverId)
{
    public async Task WriteAsync(IReadOnlyCollection<PresenceHeartbeat> report, CancellationToken cancellationToken)
    {
        if (report.Count == 0)
        {
            return;
        }

        var librarians = report.Select(r => r.LibrarianId).ToArray();
        var tabs = report.Select(r => r.OpenTabs).ToArray();
        var renewed = report.Select(r => r.RenewedAt.ToUnixTimeMilliseconds()).ToArray();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "PresenceHeartbeats" ("ServerId", "LibrarianId", "OpenTabs", "RenewedAt")
            SELECT {serverId}, r.librarian, r.tabs, r.renewed FROM unnest({librarians}, {tabs}, {renewed}) AS r(librarian, tabs, renewed)
            ON CONFLICT ("ServerId", "LibrarianId") DO UPDATE SET "OpenTabs" = excluded."OpenTabs", "RenewedAt" = excluded."RenewedAt"
            """,
            cancellationToken);
    }

    /// <summary>Every server's rows: a few per librarian who had a tab lately.</summary>
    public async Task<List<PresenceHeartbeat>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.PresenceHeartbeats.AsNoTracking().ToListAsync(cancellationToken);
    }

    /// <summary>Removes the rows whose tabs were last seen by <paramref name="cutoff"/> (the sweep has acted on them).</summary>
    public async Task DeleteSeenByAsync(DateTimeOffset cutoff, TimeSpan expiry, CancellationToken cancellationToken)
    {
        var openCutoff = cutoff - expiry;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.PresenceHeartbeats
            .Where(h => (h.OpenTabs == 0 && h.RenewedAt <= cutoff) || (h.OpenTabs > 0 && h.RenewedAt <= openCutoff))
            .ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// This server stops: its open tabs count as gone now. The rows stay (rather than go) so that the grace runs from
    /// this moment on the servers that remain, as a tab reconnecting elsewhere needs.
    /// </summary>
    public async Task LeaveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.PresenceHeartbeats.Where(h => h.ServerId == serverId && h.OpenTabs > 0)
            .ExecuteUpdateAsync(h => h.SetProperty(x => x.OpenTabs, 0).SetProperty(x => x.RenewedAt, now), cancellationToken);
    }
}
