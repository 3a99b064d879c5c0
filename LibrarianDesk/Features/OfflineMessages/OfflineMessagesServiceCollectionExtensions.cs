namespace LibrarianDesk.Features.OfflineMessages;

public static class OfflineMessagesServiceCollectionExtensions
{
    /// <summary>The offline inbox: messages left while the desk was closed, their replies by mail and reply targets.</summary>
    public static WebApplicationBuilder AddOfflineMessages(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<OfflineInboxOptions>(builder.Configuration.GetSection("Desk:OfflineMessages"));
        builder.Services.AddSingleton<PatronReplyMail>();
        builder.Services.AddSingleton<ReplyTargetClock>();
        builder.Services.AddSingleton<OfflineMessageService>();
        builder.Services.AddSingleton<OfflineMessageIntake>();
        builder.Services.AddSingleton<OfflineMessageAnnouncer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OfflineMessageAnnouncer>());
        return builder;
    }
}
