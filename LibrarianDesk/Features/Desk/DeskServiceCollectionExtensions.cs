namespace LibrarianDesk.Features.Desk;

public static class DeskServiceCollectionExtensions
{
    /// <summary>Presence and the desk's open/closed answer; registered after the database, whose start-up step must run first.</summary>
    public static IServiceCollection AddDeskStatus(this IServiceCollection services)
    {
        services.AddSingleton<PresenceService>();
        services.AddSingleton<DeskStatusService>();
        services.AddHostedService<StalePresenceCleanup>();
        return services;
    }
}
