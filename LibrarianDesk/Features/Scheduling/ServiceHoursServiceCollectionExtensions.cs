namespace LibrarianDesk.Features.Scheduling;

public static class ServiceHoursServiceCollectionExtensions
{
    public static IServiceCollection AddServiceHours(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ServiceHoursOptions>(configuration.GetSection("Desk:ServiceHours"));
        services.AddSingleton<ServiceHoursStore>();
        return services;
    }
}
