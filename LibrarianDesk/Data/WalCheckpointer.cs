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
/// start once everything in it has been copied. On shutdown the log is copied whole and emptied.
/// </summary>
public sealed partial class WalCheckpointer(
    IDbContextFactory<DeskDbContext> dbFactory, TimeProvider time, ILogger<WalCheckpointer> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private const string Passive = "PRAGMA wal_checkpoint(PASSIVE);";
    private const string Truncate = "PRAGMA wal_checkpoint(TRUNCATE);";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckpointAsync(Passive, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync empties the log.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // Bounded by the busy timeout; a file left with its log is still whole and is recovered on the next start.
        await CheckpointAsync(Truncate, CancellationToken.None);
    }

    private async Task CheckpointAsync(string checkpoint, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync(checkpoint, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A checkpoint that fails (a full disk) leaves the log to the next one; nothing committed is lost.
            LogCheckpointFailed(logger, ex, checkpoint);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite checkpoint failed ({Checkpoint}); the next one will retry")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception, string checkpoint);
}
