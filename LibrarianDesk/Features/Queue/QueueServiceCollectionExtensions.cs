using LibrarianDesk.Features.Desk;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LibrarianDesk.Features.Queue;

public static class QueueServiceCollectionExtensions
{
    /// <summary>The live queue's background work: the ring, missed conversations, and presence that follows the browser.</summary>
    public static WebApplicationBuilder AddQueue(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<QueueOptions>(builder.Configuration.GetSection("Desk:Queue"));
        builder.Services.Configure<PresenceOptions>(builder.Configuration.GetSection("Desk:Presence"));

        // Rings the Online librarians for new, still-waiting and transferred conversations.
        builder.Services.AddSingleton<RingScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RingScheduler>());

        // Waiting too long: Missed, and the patron is offered the offline form.
        builder.Services.AddSingleton<MissedConversationSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MissedConversationSweeper>());

        // A missed chat answered by email.
        builder.Services.AddSingleton<MissedFollowUp>();

        // Every desk tab gone for the grace period: Offline.
        builder.Services.AddSingleton<PresenceTracker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PresenceTracker>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, PresenceCircuitHandler>());
        return builder;
    }
}
