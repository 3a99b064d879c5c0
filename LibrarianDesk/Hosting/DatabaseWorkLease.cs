using LibrarianDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Hosting;

/// <summary>
/// The lease of the desk's servers on one PostgreSQL database: one <see cref="WorkLease"/> row per work, naming its
/// holder (<see cref="DeskServer.Id"/>) and its expiry. Asking is one statement that inserts the row if missing, takes
/// it over if it has expired, or renews it if this server holds it, and otherwise changes nothing: the database
/// decides, never a read followed by a write. A lease lasts <see cref="LengthFor"/> (one interval and a margin), so the
/// holder renews it at every round and another server takes over within that time and one round after the holder
/// dies; a stopping server deletes its row, so a rolling restart hands over at the next round. Expiries are the
/// servers' clock (<see cref="TimeProvider"/>): the margin absorbs a small skew between servers kept by NTP. Two
/// servers may still overlap for a moment (a round longer than the lease, a clock far off); the work leased here is
/// safe if that happens (conditional updates, mail claims), the lease only keeps it to one round per interval.
/// </summary>
public sealed class DatabaseWorkLease(IDbContextFactory<DeskDbContext> dbFactory, DeskServer server, TimeProvider time) : IPeriodicWorkLease
{
    /// <summary>How long a lease taken for work done every <paramref name="interval"/> lasts.</summary>
    public static TimeSpan LengthFor(TimeSpan interval) => interval + TimeSpan.FromTicks(Math.Max(interval.Ticks / 2, TimeSpan.FromSeconds(2).Ticks));

    public async ValueTask<bool> TryAcquireAsync(string work, TimeSpan interval, CancellationToken cancellationToken)
    {
        var now = time.GetStoredUtcNow();
        var nowMilliseconds = now.ToUnixTimeMilliseconds();
        var expiresAt = (now + LengthFor(interval)).ToUnixTimeMilliseconds();
        var holder = server.Id;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var taken = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "WorkLeases" ("Name", "Holder", "ExpiresAt") VALUES ({work}, {holder}, {expiresAt})
            ON CONFLICT ("Name") DO UPDATE SET "Holder" = excluded."Holder", "ExpiresAt" = excluded."ExpiresAt"
            WHERE "WorkLeases"."Holder" = excluded."Holder" OR "WorkLeases"."ExpiresAt" <= {nowMilliseconds}
            """, cancellationToken);
        return taken == 1;
    }

    public async ValueTask ReleaseAsync(string work, CancellationToken cancellationToken)
    {
        var holder = server.Id;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""DELETE FROM "WorkLeases" WHERE "Name" = {work} AND "Holder" = {holder}""", cancellationToken);
    }
}
