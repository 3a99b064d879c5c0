using LibrarianDesk.Features.Accounts;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LibrarianDesk.Features.Desk;

public static class DeskServiceCollectionExtensions
{
    /// <summary>Presence and the desk's open/closed answer; registered after the database, whose start-up step must run first.</summary>
    public static WebApplicationBuilder AddDesk(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<PresenceOptions>(builder.Configuration.GetSection("Desk:Presence"));
        services.AddSingleton<PresenceService>();
        services.AddSingleton<IStaffPresence>(sp => sp.GetRequiredService<PresenceService>());
        services.AddSingleton<DeskStatusService>();
        services.AddHostedService<StalePresenceCleanup>();

        // Every desk tab gone for the grace period: Offline.
        services.AddSingleton<PresenceTracker>();
        services.AddHostedService(sp => sp.GetRequiredService<PresenceTracker>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, PresenceCircuitHandler>());
        return builder;
    }
}
