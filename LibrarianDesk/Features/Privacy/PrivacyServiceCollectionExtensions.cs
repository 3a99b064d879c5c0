namespace LibrarianDesk.Features.Privacy;

public static class PrivacyServiceCollectionExtensions
{
    /// <summary>The privacy settings (retention, IP address policy) and the daily retention job, the data-subject requests.</summary>
    public static WebApplicationBuilder AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PrivacySettingsStore>();
        builder.Services.AddSingleton<RetentionJob>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RetentionJob>());
        builder.Services.AddSingleton<DataSubjectRequests>();
        return builder;
    }
}
