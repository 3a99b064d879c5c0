using LibrarianDesk.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Data;

/// <summary>
/// Copies the write-ahead log into the database file every second, off the chat's path. SQLite would
/// otherwise do it inside whichever commit pushes the log past 1,000 pages, and with every message
/// writing several pages (the row, its indexes, the search index) that was a patron's or a librarian's
/// commit several times a second, each waiting for the copy and its syncs: the largest part of the
/// chat's slowest replies (docs/performance.md). The desk's connections therefore run with
/// <c>wal_autocheckpoint = 0</c> (<see cref="SqliteConnectionPragmas"/>). A passive checkpoint copies what
/// no reader still needs and never waits for readers or blocks writers; SQLite reuses the log from its
/// start once everything in it has been copied.
/// Under steady load readers can keep the log from ever being reused, and it grows (178 MB beside a 3 MB
/// database once). So once nothing has been written for <see cref="QuietPeriod"/>, a truncating
/// checkpoint, which waits for readers, copies the rest and empties the file; on shutdown too.
/// </summary>
public sealed partial class WalCheckpointer(
    IDbContextFactory<DeskDbContext> dbFactory, TimeProvider time, ILogger<WalCheckpointer> logger) : PeriodicWork(time, logger)
{
    /// <summary>How long the log must stay unchanged before it is emptied.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(10);

    private const string Passive = "PRAGMA wal_checkpoint(PASSIVE);";
    private const string Truncate = "PRAGMA wal_checkpoint(TRUNCATE);";

    private long lastLogFrames;
    private DateTimeOffset lastChange;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

    // CheckpointAsync logs its own failures; this is only for a round that fails around it.
    protected override string FailureMessage => "Could not checkpoint the SQLite write-ahead log";

    // One file per server, so no lease.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        lastChange = Time.GetUtcNow();
        await base.ExecuteAsync(stoppingToken);

        // Shutting down: the log is emptied here rather than in StopAsync, which the host may call again
        // after it has disposed its services (that second checkpoint logged an ObjectDisposedException);
        // this runs once, and every StopAsync waits for it. Bounded by the busy timeout; a file left with its log is still whole and is
        // recovered on the next start.
        await CheckpointAsync(Truncate, CancellationToken.None);
    }

    // The SQLite file is this one process's own (SQLite means one server), so no lease.
    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (await CheckpointAsync(Passive, cancellationToken) is not { } logFrames)
        {
            return;
        }

        var now = Time.GetUtcNow();
        if (logFrames != lastLogFrames)
        {
            lastLogFrames = logFrames;
            lastChange = now;
        }
        else if (logFrames > 0 && now - lastChange >= QuietPeriod)
        {
            // New writers wait while it runs; one kept waiting by a long reader is tried again only after
            // another quiet period, not every second.
            lastLogFrames = await CheckpointAsync(Truncate, cancellationToken) ?? logFrames;
            lastChange = now;
        }
    }

    /// <summary>Runs a checkpoint; returns the frames in the log afterwards, or null when it failed or was kept waiting.</summary>
    private async Task<long?> CheckpointAsync(string checkpoint, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = checkpoint;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);

            // One row: busy (1 when readers or writers kept it from finishing), frames in the log, frames copied.
            return await reader.ReadAsync(cancellationToken) && reader.GetInt64(0) == 0 ? reader.GetInt64(1) : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A checkpoint that fails (a full disk) leaves the log to the next one; nothing committed is lost.
            LogCheckpointFailed(logger, ex, checkpoint);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed ({Checkpoint}); the next one will retry")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception, string checkpoint);
}
