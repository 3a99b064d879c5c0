using LibrarianDesk.Data.Seeding;
using LibrarianDesk.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LibrarianDesk.Data;

/// <summary>
/// Before the desk takes its first request: schema migrations, WAL mode, the message search index, reference data (question
/// types, service hours, holidays), the first administrator and, when switched on, the demo. On PostgreSQL several servers may
/// start at once on one database: all of it runs under a session advisory lock, so one server migrates and seeds while the
/// others wait, then find the schema current and the rows present and add nothing.
/// </summary>
internal sealed class DatabaseInitializer(
    IServiceScopeFactory scopes, DeskDatabase database, IOptions<DemoDataOptions> demo, ILogger<DatabaseInitializer> logger) : IHostedService
{
    /// <summary>The advisory lock's key: any constant the desk's servers (and copy-database) share ("LDeskIni" in ASCII).</summary>
    internal const long StartupLockKey = 0x4C4465736B496E69;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.PostgreSql)
        {
            await InitializeAsync(cancellationToken);
            return;
        }

        // Its own connection, held for the whole start, so the lock outlives the contexts the work opens and
        // closes; a server that dies while holding it loses the session and with it the lock.
        await using var lockConnection = new NpgsqlConnection(database.ConnectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await ExecuteAsync(lockConnection, "SELECT pg_advisory_lock($1)", cancellationToken);
        try
        {
            await InitializeAsync(cancellationToken);
        }
        finally
        {
            await ExecuteAsync(lockConnection, "SELECT pg_advisory_unlock($1)", CancellationToken.None);
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<DeskDbContext>();

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (pending.Count > 0)
        {
            logger.LogInformation("Applied {Count} database migration(s): {Migrations}", pending.Count, pending);
        }

        // The file, its journal and the FTS5 search index are SQLite's (PostgreSQL has no search index yet, docs/database.md).
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // WAL is a property of the file: set once, it stays for every later connection.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            RestrictDatabaseFiles(db.Database.GetDbConnection().DataSource);
            await MessageSearchIndex.EnsureAsync(db, cancellationToken);
        }

        await ReferenceData.SeedAsync(db, cancellationToken);
        await services.GetRequiredService<BootstrapAdministrator>().EnsureAsync(cancellationToken);
        if (demo.Value.Enabled)
        {
            if (!services.GetRequiredService<IHostEnvironment>().IsDevelopment())
            {
                logger.LogWarning("Demo data is switched on outside Development: demo accounts with a published password exist. Switch Desk:DemoData:Enabled off for real use.");
            }

            await services.GetRequiredService<DemoDataSeeder>().SeedAsync(cancellationToken);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        // No time limit: a server waiting for the lock waits as long as another's first migration and seeding take
        // (Npgsql's 30 s default ended a second server started beside a slow first start); stopping still cancels it.
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = StartupLockKey } }, CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The database and its log are owner-only (<see cref="OwnerOnlyFiles"/>), existing installations'
    /// included. SQLite gives the <c>-wal</c> and <c>-shm</c> files it creates later the database file's
    /// mode, so they follow.
    /// </summary>
    private static void RestrictDatabaseFiles(string databaseFile)
    {
        if (string.IsNullOrEmpty(databaseFile) || databaseFile == ":memory:")
        {
            return;
        }

        var path = Path.GetFullPath(databaseFile);
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            OwnerOnlyFiles.Restrict(path + suffix);
        }
    }
}
