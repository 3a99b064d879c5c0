using System.Data.Common;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Shared.Staff;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LibrarianDesk.Bench.Hosting;

/// <summary>
/// The real desk (its own Program, services and pipeline) on Kestrel at 127.0.0.1 with a fresh SQLite
/// file in a temp folder, or a fresh database on a PostgreSQL server (<see cref="For"/>), hosted the way
/// the integration tests host it. Every simulated patron comes
/// from 127.0.0.1, so flood control is off and the hub rate limits are raised (the persistence scenario
/// also sends faster per connection than a person types): the load must measure the desk, not its
/// defences against one abusive address. The rate limiter itself still runs on every call.
/// One of a <see cref="ServerGroup"/>, it is one server of a desk on several: on the group's database (which the bench
/// made and drops) and its Redis.
/// </summary>
public sealed class DeskHost(PostgreSqlServer? postgreSql = null, ServerGroup? group = null) : WebApplicationFactory<Program>, IBenchServer
{
    private string? postgreSqlDatabase = group?.PostgreSql;

    /// <summary>A desk on the engine of <paramref name="options"/>.</summary>
    public static DeskHost For(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DeskHost(options.Provider == DatabaseProvider.PostgreSql ? new PostgreSqlServer(options.PostgreSql!) : null);
    }

    public DatabaseProvider Provider => postgreSql is null && group is null ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql;

    /// <summary>The engine's name as the report prints it.</summary>
    public string Engine => Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";

    /// <summary>Names this server's accounts apart from the other servers' of its group, which share its database.</summary>
    public string AccountPrefix(string purpose) => group is null ? purpose : $"{purpose}-{group.Name}";

    /// <summary>The desk's own PostgreSQL database (on PostgreSQL only), for the hand-written baselines.</summary>
    public string PostgreSqlConnectionString => postgreSqlDatabase ?? throw new InvalidOperationException("This desk does not run on PostgreSQL, or has not started.");

    public string DataDirectory { get; } = LoopbackDesk.NewDataDirectory("librariandesk-bench");

    public Uri BaseAddress { get; private set; } = default!;

    public string DatabasePath => Path.Combine(DataDirectory, "librariandesk.db");

    public static IReadOnlyDictionary<string, string> BenchSettings { get; } = new Dictionary<string, string>
    {
        ["Desk:DemoData:Enabled"] = "false",
        ["Desk:Bootstrap:AdminEmail"] = "admin@bench.librariandesk.local",
        ["Desk:Bootstrap:AdminPassword"] = "Bench-Admin-2026",
        ["Desk:ServiceHours:AlwaysOpen"] = "true",
        ["Desk:FloodControl:Enabled"] = "false",
        ["Desk:Patrons:RateLimits:PerAddressBurst"] = "1000000",
        ["Desk:Patrons:RateLimits:PerAddressPerSecond"] = "1000000",
        ["Desk:Patrons:RateLimits:PerConnectionBurst"] = "1000000",
        ["Desk:Patrons:RateLimits:PerConnectionPerSecond"] = "1000000",
        ["Desk:Presence:OfflineAfterSeconds"] = "86400",
        ["Desk:Queue:MissedAfterSeconds"] = "86400",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore.SignalR"] = "Error",
        ["Logging:LogLevel:Microsoft.AspNetCore.Server.Kestrel"] = "Error",

        // Stdout carries the results table (and a child server's ready line): log lines go beside the progress.
        ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Desk:DataDirectory", DataDirectory);
        if (postgreSqlDatabase is not null)
        {
            builder.UseSetting(DeskDatabase.ProviderKey, nameof(DatabaseProvider.PostgreSql));
            builder.UseSetting(DeskDatabase.ConnectionStringKey, postgreSqlDatabase);
        }

        foreach (var (key, value) in BenchSettings)
        {
            builder.UseSetting(key, value);
        }

        if (group is not null)
        {
            builder.UseSetting("Desk:Redis:Configuration", group.Redis);
            builder.UseSetting("Desk:Redis:Prefix", group.Prefix);
        }

        // BENCH_EF_LOG=1 logs every SQL command with its duration (finding where a slow request spends its time).
        if (Environment.GetEnvironmentVariable("BENCH_EF_LOG") == "1")
        {
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information");
        }

        builder.ConfigureServices(services => services.AddBenchStatsEndpoint());
    }

    public async Task StartAsync()
    {
        if (postgreSql is not null)
        {
            postgreSqlDatabase = await postgreSql.CreateDatabaseAsync();
        }

        BaseAddress = LoopbackDesk.Start(this);

        // The desk takes chats only while someone is Online: one account stays Online for the whole run.
        var someone = await CreateLibrariansAsync(AccountPrefix("bench-desk"), 1);
        await Services.GetRequiredService<PresenceService>().SetAsync(someone[0], Presence.Online);
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>A pooled connection to the desk's database for the hand-written baselines, not yet open.</summary>
    public DbConnection NewConnection() => postgreSqlDatabase is { } connectionString
        ? new NpgsqlConnection(connectionString)
        : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = true }.ToString());

    public DeskDbContext CreateDbContext() => Service<IDbContextFactory<DeskDbContext>>().CreateDbContext();

    /// <summary>Librarian accounts without passwords (nobody signs in; the services are called directly).</summary>
    public Task<IReadOnlyList<string>> CreateLibrariansAsync(string prefix, int count) => CreateStaffAsync(prefix, count, DeskRoles.Librarian);

    /// <summary>Accounts holding <paramref name="role"/>, for services that check their caller's roles.</summary>
    public async Task<IReadOnlyList<string>> CreateStaffAsync(string prefix, int count, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Librarian>>();
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var email = $"{prefix}-{i}@bench.librariandesk.local";
            var account = new Librarian { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Pustakawan {prefix} {i}" };
            Require(await users.CreateAsync(account));
            Require(await users.AddToRoleAsync(account, role));
            ids.Add(account.Id);
        }

        return ids;
    }

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        LoopbackDesk.DeleteDataDirectory(DataDirectory);
        if (postgreSql is not null && postgreSqlDatabase is not null)
        {
            await postgreSql.DropDatabaseAsync(postgreSqlDatabase);
        }
    }
}
