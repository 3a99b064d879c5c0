namespace LibrarianDesk.Features.Scheduling;

public static class ServiceHoursServiceCollectionExtensions
{
    public static WebApplicationBuilder AddServiceHours(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ServiceHoursOptions>(builder.Configuration.GetSection("Desk:ServiceHours"));
        builder.Services.AddSingleton<ServiceHoursStore>();
        return builder;
    }
}
