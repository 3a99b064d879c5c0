using LibrarianDesk.Bench.Hosting;
using LibrarianDesk.Data;
using LibrarianDesk.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// One desk on two server processes, as behind a load balancer: the desk's own program started twice
/// (<see cref="DeskServerProcess"/>), on one new database of the run's <see cref="PostgreSqlCluster"/> and one Redis (a
/// prefix of their own in the run's <see cref="RedisServer"/>), always open, with the demo team (no past conversations)
/// whose accounts sign in with <see cref="DeskApp.StaffPassword"/>. Unlike <see cref="TwoServerDesk"/> a test can kill a
/// server as a crash does; it reaches the servers only as their users do (HTTP, the patron hub, a browser) and reads the
/// database. Where PostgreSQL or Redis is missing (outside CI) nothing starts and every test skips (<see cref="RequireAsync"/>).
/// </summary>
public sealed class TwoDeskProcesses : IAsyncLifetime
{
    public const string LibrarianEmail = "sari@" + DemoDataSeeder.EmailDomain;
    public const string LibrarianName = "Sari Wulandari";

    /// <summary>Another demo librarian, for a desk tab on the other server.</summary>
    public const string OtherLibrarianEmail = "budi@" + DemoDataSeeder.EmailDomain;

    /// <summary>How long a killed server's desk tabs still count (<c>Desk:Presence:ServerExpirySeconds</c>), short for the tests.</summary>
    public const int ServerExpirySeconds = 10;

    /// <summary>The grace after a librarian's last tab goes (<c>Desk:Presence:OfflineAfterSeconds</c>).</summary>
    public const int OfflineAfterSeconds = 5;

    private readonly string dataDirectory = LoopbackDesk.NewDataDirectory("librariandesk-tests");

    public DeskServerProcess A { get; private set; } = default!;

    public DeskServerProcess B { get; private set; } = default!;

    /// <summary>The database both servers run on.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Skips the calling test where PostgreSQL or Redis is not installed; every test on this fixture starts with it.</summary>
    public static Task RequireAsync() => TwoServerDesk.RequireAsync();

    public async ValueTask InitializeAsync()
    {
        if (PostgreSqlCluster.SkipReason is not null || RedisServer.SkipReason is not null)
        {
            return;
        }

        var redis = await RedisServer.RequireAsync();
        ConnectionString = await (await PostgreSqlCluster.RequireAsync()).CreateDatabaseAsync();
        var prefix = RedisServer.NewPrefix();

        // One after the other, so each start's log is its own (two at once also work: the second waits for the first's
        // migration and seeding under the database's start-up lock).
        A = await Start("a");
        B = await Start("b");

        Task<DeskServerProcess> Start(string name) => DeskServerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Desk__DataDirectory"] = Path.Combine(dataDirectory, name),
            ["Desk__Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Desk"] = ConnectionString,
            ["Desk__Redis__Configuration"] = redis.Configuration,
            ["Desk__Redis__Prefix"] = prefix,
            ["Desk__ServiceHours__AlwaysOpen"] = "true",
            ["Desk__Bootstrap__AdminEmail"] = DeskApp.AdminEmail,
            ["Desk__Bootstrap__AdminPassword"] = DeskApp.AdminPassword,
            ["Desk__DemoData__Enabled"] = "true",
            ["Desk__DemoData__Days"] = "0",
            ["Desk__DemoData__LibrarianPassword"] = DeskApp.StaffPassword,
            ["Desk__FloodControl__Enabled"] = "false",
            ["Desk__Presence__ServerExpirySeconds"] = $"{ServerExpirySeconds}",
            ["Desk__Presence__OfflineAfterSeconds"] = $"{OfflineAfterSeconds}",

            // Every test patron comes from 127.0.0.1, where a library's patrons come from many addresses.
            ["Desk__Patrons__RateLimits__PerAddressBurst"] = "100000",
            ["Desk__Patrons__RateLimits__PerAddressPerSecond"] = "100000",
        });
    }

    /// <summary>A context on the servers' database, for what a test reads there.</summary>
    public DeskDbContext CreateDbContext() =>
        new PostgreSqlDeskDbContext(new DbContextOptionsBuilder<PostgreSqlDeskDbContext>().UseNpgsql(ConnectionString).Options);

    public async ValueTask DisposeAsync()
    {
        if (B is not null)
        {
            await B.DisposeAsync();
        }

        if (A is not null)
        {
            await A.DisposeAsync();
        }

        if (ConnectionString.Length > 0)
        {
            using var pooled = new NpgsqlConnection(ConnectionString);
            NpgsqlConnection.ClearPool(pooled);
        }

        LoopbackDesk.DeleteDataDirectory(dataDirectory);
    }
}
