namespace LibrarianDesk.Features.Analytics;

public static class AnalyticsServiceCollectionExtensions
{
    /// <summary>The supervisors' analytics: the reporting service, its page and its CSV exports.</summary>
    public static WebApplicationBuilder AddAnalytics(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<AnalyticsService>();
        return builder;
    }
}
