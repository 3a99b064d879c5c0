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

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// The real desk on Kestrel at 127.0.0.1 (a free port), with a fresh SQLite file in its own data
/// folder and a configured administrator. One per test class (xunit class fixture).
/// </summary>
public class DeskApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@test.librariandesk.local";
    public const string AdminPassword = "Admin-Test-2026";
    public const string StaffPassword = "Staff-Test-2026";

    public string DataDirectory { get; } = LoopbackDesk.NewDataDirectory("librariandesk-tests");

    public Uri BaseAddress { get; private set; } = default!;

    public RecordingBootstrapReporter Bootstrap { get; } = new();

    /// <summary>The clock a derived fixture runs the desk on (an <see cref="AdjustableClock"/>); the real one when null.</summary>
    protected virtual TimeProvider? Time => null;

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

    public virtual ValueTask InitializeAsync()
    {
        BaseAddress = LoopbackDesk.Start(this);
        return ValueTask.CompletedTask;
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

        GC.SuppressFinalize(this);
    }
}

/// <summary>Captures the one-time administrator password instead of printing it.</summary>
public sealed class RecordingBootstrapReporter : IBootstrapReporter
{
    public ConcurrentQueue<(string Email, string Password)> Reports { get; } = new();

    public void GeneratedAdministrator(string email, string password) => Reports.Enqueue((email, password));
}
