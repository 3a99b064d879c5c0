using StackExchange.Redis;

namespace LibrarianDesk.Features.Visitors;

public static class VisitorsServiceCollectionExtensions
{
    /// <summary>Live visitors, their recorded visits, greetings and the automatic greeting triggers.</summary>
    public static WebApplicationBuilder AddVisitors(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<VisitorOptions>(builder.Configuration.GetSection("Desk:Visitors"));
        services.AddSingleton<VisitorService>();
        services.AddSingleton<VisitorHistory>();
        services.AddSingleton<GreetingService>();
        services.AddSingleton<GreetingTriggerStore>();

        // Every server's visitors on every server's list; greetings claimed once across servers (Redis when configured).
        services.AddSingleton<VisitorDirectory>();
        services.AddHostedService(sp => sp.GetRequiredService<VisitorDirectory>());
        services.AddHostedService<GreetingDelivery>();
        services.AddSingleton<InProcessGreetingClaims>();
        services.AddSingleton<IGreetingClaims>(sp => sp.GetService<IConnectionMultiplexer>() is null
            ? sp.GetRequiredService<InProcessGreetingClaims>()
            : ActivatorUtilities.CreateInstance<RedisGreetingClaims>(sp));

        // Ended visits are written in batches, off the patron hub's path.
        services.AddSingleton<VisitRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<VisitRecorder>());

        // The clock: departures after the grace, automatic greetings when due.
        services.AddSingleton<GreetingTriggerEvaluator>();
        services.AddHostedService<VisitorClock>();
        services.AddHostedService<VisitorChatTracker>();
        services.AddHostedService<VisitorHistoryReader>();
        return builder;
    }
}
