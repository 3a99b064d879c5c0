using LibrarianDesk.Data;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Data;

/// <summary>The write-ahead log does not keep the disk space a burst of writing took once the desk is quiet.</summary>
public sealed class WriteAheadLogTests(WriteAheadLogTests.ClockedDeskApp app) : IClassFixture<WriteAheadLogTests.ClockedDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_log_grown_by_a_burst_is_emptied_once_nothing_has_been_written_for_the_quiet_period()
    {
        var database = new FileInfo(Path.Combine(app.DataDirectory, "librariandesk.db"));
        var log = new FileInfo(database.FullName + "-wal");
        // SQLite deletes the log when the last connection using it closes (another fixture's clean-up clears
        // the pools): one outside the pool that has read once keeps it, idle.
        await using var keepsTheLog = new SqliteConnection($"Data Source={database.FullName};Pooling=False");
        await keepsTheLog.OpenAsync(Cancel);
        await using (var read = keepsTheLog.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM sqlite_master";
            await read.ExecuteScalarAsync(Cancel);
        }

        await using var db = app.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS WalProbe (Text TEXT NOT NULL)", Cancel);
        database.Refresh();
        var before = database.Length;

        // A reader holding its snapshot keeps the once-a-second passive checkpoint from letting SQLite reuse the log.
        await using (var reader = new SqliteConnection($"Data Source={database.FullName};Pooling=False"))
        {
            await reader.OpenAsync(Cancel);
            await using var transaction = reader.BeginTransaction(deferred: true);
            await using (var read = reader.CreateCommand())
            {
                read.Transaction = transaction;
                read.CommandText = "SELECT count(*) FROM WalProbe";
                (await read.ExecuteScalarAsync(Cancel)).Should().Be(0L);
            }

            for (var burst = 0; burst < 5; burst++)
            {
                await db.Database.ExecuteSqlRawAsync(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO WalProbe SELECT printf('%.4000c', 'x') FROM n",
                    Cancel);
            }
        }

        log.Refresh();
        log.Length.Should().BeGreaterThan(4_000_000, "five bursts of 800 kB each");

        // The background checkpoint copies the bursts into the file and notes the log's size at this clock reading...
        await Eventually.TrueAsync(() =>
        {
            database.Refresh();
            return database.Length >= before + (5 * 200 * 4000);
        }, "the bursts are copied into the database file");
        log.Refresh();
        log.Length.Should().BeGreaterThan(4_000_000, "a passive checkpoint leaves the log's size alone");

        // ... and empties the log once the clock says nothing has been written for the quiet period. The clock
        // keeps moving: what the desk writes on its own as time passes (presence, sweeps) starts the period again.
        await Eventually.TrueAsync(() =>
        {
            log.Refresh();
            if (log.Length == 0)
            {
                return true;
            }

            app.Clock.Set(app.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
            return false;
        }, "the log is emptied");
    }

    [Fact]
    public async Task Every_connection_cuts_a_reused_log_back_to_64_MB()
    {
        await using var db = app.CreateDbContext();
        await db.Database.OpenConnectionAsync(Cancel);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_size_limit;";
        (await command.ExecuteScalarAsync(Cancel)).Should().Be(64L * 1024 * 1024);
    }

    /// <summary>A desk whose clock the test moves (its timers still tick in real time).</summary>
    public sealed class ClockedDeskApp : DeskApp
    {
        public AdjustableClock Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 3, 0, 0, TimeSpan.Zero));

        protected override TimeProvider? Time => Clock;
    }
}
