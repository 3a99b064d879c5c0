using LibrarianDesk.Data.Seeding;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// The database: by default one SQLite file under the data folder, or PostgreSQL (<c>Desk:Database:Provider</c>),
    /// reached through <see cref="IDbContextFactory{TContext}"/> of <see cref="DeskDbContext"/> on either.
    /// </summary>
    public static WebApplicationBuilder AddDeskDatabase(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<DatabaseOptions>(builder.Configuration.GetSection("Desk"));
        services.Configure<DemoDataOptions>(builder.Configuration.GetSection("Desk:DemoData"));

        // Resolved lazily so that every configuration source, including a test host's, has been applied.
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var path = Path.GetFullPath(options.DataDirectory, sp.GetRequiredService<IHostEnvironment>().ContentRootPath);
            OwnerOnlyFiles.CreateFolder(path);
            return new DataDirectory(path);
        });

        services.AddSingleton(sp => DeskDatabase.From(
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            sp.GetRequiredService<DataDirectory>().Path));

        // Pooled: the desk creates a context for every unit of work (each hub call, each refresh), and
        // building one costs more than most of the desk's statements (docs/performance.md). Both engines'
        // pools are registered; only the configured one is ever built.
        services.AddPooledDbContextFactory<SqliteDeskDbContext>((sp, db) => db
            .UseSqlite(sp.GetRequiredService<DeskDatabase>().ConnectionString)
            .AddInterceptors(new SqliteConnectionPragmas(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value)));
        services.AddPooledDbContextFactory<PostgreSqlDeskDbContext>((sp, db) => db
            .UseNpgsql(sp.GetRequiredService<DeskDatabase>().ConnectionString));
        services.AddSingleton<IDbContextFactory<DeskDbContext>>(sp => sp.GetRequiredService<DeskDatabase>().Provider switch
        {
            DatabaseProvider.PostgreSql => new EngineContextFactory<PostgreSqlDeskDbContext>(sp.GetRequiredService<IDbContextFactory<PostgreSqlDeskDbContext>>()),
            _ => new EngineContextFactory<SqliteDeskDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteDeskDbContext>>()),
        });
        services.AddScoped<DeskDbContext>(sp => sp.GetRequiredService<IDbContextFactory<DeskDbContext>>().CreateDbContext());

        // SQLite has one writer per file, so the gate queues this process's writers; PostgreSQL takes many
        // writers with row locks, and a gate inside one process would serialise nothing across servers.
        services.AddSingleton(sp => new SqliteWriteGate(serialises: IsSqlite(sp)));

        // Keeping connections open saves SQLite's per-open function registration; a PostgreSQL connection
        // has no such cost and is better returned to Npgsql's pool between reads.
        services.AddSingleton(sp => new OpenReadContexts(sp.GetRequiredService<IDbContextFactory<DeskDbContext>>(), keepOpen: IsSqlite(sp)));

        // Sign-in cookies survive a restart only if the keys that protect them do: keep them with the data.
        services.AddDataProtection();
        services.AddOptions<KeyManagementOptions>().Configure<DataDirectory, ILoggerFactory>((keys, directory, loggerFactory) =>
            keys.XmlRepository = new OwnerOnlyXmlRepository(
                new DirectoryInfo(Path.Combine(directory.Path, "keys")), loggerFactory));

        services.AddScoped<DemoDataSeeder>();
        services.AddHostedService<DatabaseInitializer>();
        // The write-ahead log is SQLite's; PostgreSQL checkpoints its own.
        services.AddSingleton<IHostedService>(sp => IsSqlite(sp) ? ActivatorUtilities.CreateInstance<WalCheckpointer>(sp) : new NoHostedWork());
        services.AddHealthChecks().AddDbContextCheck<DeskDbContext>("database");
        return builder;
    }

    private static bool IsSqlite(IServiceProvider services) =>
        services.GetRequiredService<DeskDatabase>().Provider == DatabaseProvider.Sqlite;

    /// <summary>Hands out the configured engine's context wherever the desk asks for a <see cref="DeskDbContext"/>.</summary>
    private sealed class EngineContextFactory<TContext>(IDbContextFactory<TContext> engine) : IDbContextFactory<DeskDbContext>
        where TContext : DeskDbContext
    {
        public DeskDbContext CreateDbContext() => engine.CreateDbContext();

        public async Task<DeskDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await engine.CreateDbContextAsync(cancellationToken);
    }

    /// <summary>Stands in for a background service the configured engine does not need.</summary>
    private sealed class NoHostedWork : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>The absolute path of the data folder (database, keys, mail pickup, exports).</summary>
public sealed record DataDirectory(string Path);
