using System.Collections.Concurrent;
using System.Net;
using LibrarianDesk.Bench.Hosting;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// The real desk on Kestrel at 127.0.0.1 (a free port), with a fresh SQLite file in its own data
/// folder and a configured administrator. One per test class (xunit class fixture). In the suite's PostgreSQL run
/// (<see cref="DeskTestDatabase"/>), and always for <see cref="PostgreSqlDeskApp"/>, it runs on a fresh database in the
/// run's <see cref="PostgreSqlCluster"/> instead; where PostgreSQL is not installed its tests skip (fail under CI).
/// </summary>
public class DeskApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@test.librariandesk.local";
    public const string AdminPassword = "Admin-Test-2026";
    public const string StaffPassword = "Staff-Test-2026";

    /// <summary>The PostgreSQL run's databases by data folder: a desk started again on a folder finds what it left, as on SQLite.</summary>
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> DatabasesByFolder = new();

    private string? postgreSqlConnectionString;

    public DeskApp()
    {
    }

    /// <summary>A desk on an existing PostgreSQL database, e.g. a second server beside another desk.</summary>
    private protected DeskApp(string postgreSqlConnectionString) => this.postgreSqlConnectionString = postgreSqlConnectionString;

    public string DataDirectory { get; } = LoopbackDesk.NewDataDirectory("librariandesk-tests");

    public Uri BaseAddress { get; private set; } = default!;

    public RecordingBootstrapReporter Bootstrap { get; } = new();

    /// <summary>The clock a derived fixture runs the desk on (an <see cref="AdjustableClock"/>); the real one when null.</summary>
    protected virtual TimeProvider? Time => null;

    /// <summary>Whether this desk runs on PostgreSQL; by default the test run's engine.</summary>
    public virtual bool OnPostgreSql => DeskTestDatabase.IsPostgreSql;

    /// <summary>The PostgreSQL database this desk runs on.</summary>
    public string PostgreSqlConnectionString => postgreSqlConnectionString ?? throw new InvalidOperationException("The desk does not run on PostgreSQL, or has not started.");

    /// <summary>The data folder the desk runs on: its own, unless a fixture names another (a desk started again on it).</summary>
    private string StoreFolder => Settings.TryGetValue("Desk:DataDirectory", out var folder) && folder is not null ? folder : DataDirectory;

    /// <summary>Extra settings a derived fixture adds (or null to remove a default).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Desk:DataDirectory", DataDirectory);
        builder.UseSetting("Desk:Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Desk:Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Desk:DemoData:Enabled", "false");

        // Every test client shares 127.0.0.1: flood control is tested on its own fixture, not tripped by the rest.
        builder.UseSetting("Desk:FloodControl:Enabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", Environment.GetEnvironmentVariable("DESK_TEST_LOGLEVEL") ?? "Warning");
        if (OnPostgreSql)
        {
            builder.UseSetting("Desk:Database:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:Desk", postgreSqlConnectionString);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IBootstrapReporter>();
            services.AddSingleton<IBootstrapReporter>(Bootstrap);
            if (Time is { } clock)
            {
                services.Replace(ServiceDescriptor.Singleton(clock));
            }
        });
    }

    public virtual async ValueTask InitializeAsync()
    {
        if (OnPostgreSql)
        {
            // Where PostgreSQL is not installed (outside CI) nothing starts: the PostgreSQL run skips all its tests
            // (OnPostgreSql/PostgreSqlRunFramework), and the explicit PostgreSQL tests skip themselves (PostgreSqlDeskApp.RequireAsync).
            if (PostgreSqlCluster.SkipReason is not null)
            {
                return;
            }

            var cluster = await PostgreSqlCluster.RequireAsync();
            postgreSqlConnectionString ??= await DatabasesByFolder.GetOrAdd(StoreFolder, _ => new(cluster.CreateDatabaseAsync)).Value;
        }

        BaseAddress = LoopbackDesk.Start(this);
    }

    /// <summary>A browser-like client: its own cookies, no automatic redirects (tests assert them).</summary>
    public HttpClient CreateBrowserClient()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = BaseAddress,
        };
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }

    public DeskDbContext CreateDbContext() =>
        Services.GetRequiredService<IDbContextFactory<DeskDbContext>>().CreateDbContext();

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        LoopbackDesk.DeleteDataDirectory(DataDirectory);
        if (postgreSqlConnectionString is not null)
        {
            // Idle pooled connections outlive the desk; a run's worth of them would exceed the cluster's max_connections.
            using var pooled = new NpgsqlConnection(postgreSqlConnectionString);
            NpgsqlConnection.ClearPool(pooled);
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>Captures the one-time administrator password instead of printing it.</summary>
public sealed class RecordingBootstrapReporter : IBootstrapReporter
{
    public ConcurrentQueue<(string Email, string Password)> Reports { get; } = new();

    public void GeneratedAdministrator(string email, string password) => Reports.Enqueue((email, password));
}
