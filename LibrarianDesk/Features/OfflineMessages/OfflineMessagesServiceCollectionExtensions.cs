using LibrarianDesk.Data;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.OfflineMessages;

public static class OfflineMessagesServiceCollectionExtensions
{
    /// <summary>The offline inbox, the outbox and its sender (SMTP when <c>Desk:Mail:Smtp:Host</c> is set, else the pickup folder).</summary>
    public static WebApplicationBuilder AddOfflineMessages(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<MailOptions>(builder.Configuration.GetSection("Desk:Mail"));
        builder.Services.Configure<OfflineInboxOptions>(builder.Configuration.GetSection("Desk:OfflineMessages"));

        builder.Services.AddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MailOptions>>().Value;
            if (!string.IsNullOrWhiteSpace(options.Smtp.Host))
            {
                return new SmtpTransport(options.Smtp);
            }

            var folder = Path.GetFullPath(options.PickupFolder, sp.GetRequiredService<DataDirectory>().Path);

            // Mails an earlier version left readable to others are tightened before the desk adds more.
            OwnerOnlyFiles.SecureFolder(folder);
            return new PickupFolderTransport(folder);
        });
        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddSingleton<OutboxSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        builder.Services.AddSingleton<MailTemplateStore>();
        builder.Services.AddSingleton<PatronReplyMail>();
        builder.Services.AddSingleton<ReplyTargetClock>();
        builder.Services.AddSingleton<OfflineMessageService>();
        builder.Services.AddSingleton<OfflineMessageIntake>();
        builder.Services.AddSingleton<FailedDeliveries>();
        builder.Services.AddSingleton<OfflineMessageAnnouncer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OfflineMessageAnnouncer>());
        builder.Services.AddSingleton<TranscriptMailer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TranscriptMailer>());
        return builder;
    }
}
