using LibrarianDesk.Data;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>The outbox and its sender (SMTP when <c>Desk:Mail:Smtp:Host</c> is set, else the pickup folder), the mail templates and the failed deliveries.</summary>
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<MailOptions>(builder.Configuration.GetSection("Desk:Mail"));
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
        builder.Services.AddSingleton<FailedDeliveries>();
        return builder;
    }
}
