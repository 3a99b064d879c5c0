namespace LibrarianDesk.Features.Desk;

public static class DeskServiceCollectionExtensions
{
    public static IServiceCollection AddDeskStatus(this IServiceCollection services)
    {
        services.AddSingleton<PresenceService>();
        services.AddSingleton<DeskStatusService>();
        return services;
    }
}
