using LibrarianDesk.Data;
using LibrarianDesk.Realtime;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using StackExchange.Redis;

namespace LibrarianDesk.Hosting;

/// <summary>
/// <c>Desk:Redis</c>: the Redis the desk's servers share when a library runs more than one (docs/deployment.md).
/// Unset, the desk is one process with its in-process bus, as on SQLite.
/// </summary>
public sealed class DeskRedisOptions
{
    public const string Section = "Desk:Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis.library.local:6379,password=…</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>Names this desk's channels and keys, so several desks (or a test run's) can share one Redis.</summary>
    public string Prefix { get; set; } = "librariandesk";
}

/// <summary>
/// With <c>Desk:Redis:Configuration</c> set, the servers of one desk act as one: the patron hub's messages reach
/// connections on every server (SignalR's Redis backplane), <see cref="DeskNotifier"/>'s events reach every server's
/// pages (<see cref="IDeskEventRelay"/>), and a sign-in cookie or antiforgery token made by one server is read by the
/// others (Data Protection keys kept in Redis, one application name).
/// </summary>
public static class SeveralServers
{
    public static WebApplicationBuilder AddSeveralServers(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(DeskRedisOptions.Section).Get<DeskRedisOptions>() ?? new DeskRedisOptions();
        if (string.IsNullOrWhiteSpace(settings.Configuration))
        {
            return builder;
        }

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton<IConnectionMultiplexer>(sp => Connect(settings, sp.GetRequiredService<DeskServer>()));

        // Only the patron hub: a Blazor circuit lives on the server its browser sticks to and needs no backplane.
        services.AddSingleton<HubLifetimeManager<PatronHub>, RedisHubLifetimeManager<PatronHub>>();
        services.AddOptions<RedisOptions>().Configure<IServiceProvider>((redis, sp) =>
            redis.ConnectionFactory = _ => Task.FromResult(sp.GetRequiredService<IConnectionMultiplexer>()));

        services.AddSingleton<IDeskEventRelay, RedisDeskEventRelay>();
        services.AddHostedService<DeskEventListener>();

        // Keys in Redis (not each server's data folder), and one application name, since the servers' content roots may differ.
        services.AddDataProtection().SetApplicationName("LibrarianDesk");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((keys, sp) =>
            keys.XmlRepository = new RedisXmlRepository(() => sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), $"{settings.Prefix}:data-protection-keys"));
        return builder;
    }

    /// <summary>Why the desk cannot run on the configured Redis (one line for the operator), or null when it can or none is set.</summary>
    public static string? Problem(IServiceProvider services)
    {
        if (services.GetService<DeskRedisOptions>() is not { } settings)
        {
            return null;
        }

        // Each server would write its own SQLite file: several servers share one PostgreSQL database.
        if (services.GetRequiredService<DeskDatabase>().Provider != DatabaseProvider.PostgreSql)
        {
            return "Desk:Redis:Configuration is set for several servers, but they need one shared database: set Desk:Database:Provider to PostgreSql (docs/deployment.md).";
        }

        var redis = services.GetRequiredService<IConnectionMultiplexer>();
        return redis.IsConnected
            ? null
            : $"Redis from Desk:Redis:Configuration ({ConfigurationOptions.Parse(settings.Configuration!).ToString(includePassword: false)}) could not be reached: {redis.GetStatus().Split('\n').FirstOrDefault(l => l.Length > 0)}";
    }

    private static ConnectionMultiplexer Connect(DeskRedisOptions settings, DeskServer server)
    {
        var options = ConfigurationOptions.Parse(settings.Configuration!);

        // Keep reconnecting after a Redis restart instead of failing once; the start-up check above reports an unreachable Redis.
        options.AbortOnConnectFail = false;
        options.ClientName = server.Id;
        options.ChannelPrefix = RedisChannel.Literal(settings.Prefix + ":");
        return ConnectionMultiplexer.Connect(options);
    }
}
