using LibrarianDesk.Data.Seeding;
using LibrarianDesk.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Data;

/// <summary>
/// Before the desk takes its first request: schema migrations, WAL mode, the message search index, reference data (question
/// types, service hours, holidays), the first administrator and, when switched on, the demo.
/// </summary>
internal sealed class DatabaseInitializer(
    IServiceScopeFactory scopes, IOptions<DemoDataOptions> demo, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
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

        // WAL is a property of the file: set once, it stays for every later connection.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        RestrictDatabaseFiles(db.Database.GetDbConnection().DataSource);
        await MessageSearchIndex.EnsureAsync(db, cancellationToken);

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
