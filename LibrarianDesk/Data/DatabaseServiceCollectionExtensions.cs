using LibrarianDesk.Data.Seeding;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>The SQLite database: one file under the data folder, reached through <see cref="IDbContextFactory{TContext}"/>.</summary>
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

        // Pooled: the desk creates a context for every unit of work (each hub call, each refresh), and
        // building one costs more than most of the desk's statements (docs/performance.md).
        services.AddPooledDbContextFactory<DeskDbContext>((sp, db) =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString("Desk")
                ?? new SqliteConnectionStringBuilder
                {
                    DataSource = Path.Combine(sp.GetRequiredService<DataDirectory>().Path, options.DatabaseFile),
                    Pooling = true,
                    DefaultTimeout = Math.Max(1, options.BusyTimeoutMilliseconds / 1000),
                }.ToString();
            db.UseSqlite(connectionString).AddInterceptors(new SqliteConnectionPragmas(options));
        });

        services.AddSingleton<SqliteWriteGate>();
        services.AddSingleton<OpenReadContexts>();

        // Sign-in cookies survive a restart only if the keys that protect them do: keep them with the data.
        services.AddDataProtection();
        services.AddOptions<KeyManagementOptions>().Configure<DataDirectory, ILoggerFactory>((keys, directory, loggerFactory) =>
            keys.XmlRepository = new OwnerOnlyXmlRepository(
                new DirectoryInfo(Path.Combine(directory.Path, "keys")), loggerFactory));

        services.AddScoped<DemoDataSeeder>();
        services.AddHostedService<DatabaseInitializer>();
        services.AddHostedService<WalCheckpointer>();
        services.AddHealthChecks().AddDbContextCheck<DeskDbContext>("database");
        return builder;
    }
}

/// <summary>The absolute path of the data folder (database, keys, mail pickup, exports).</summary>
public sealed record DataDirectory(string Path);
