using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace LibrarianDesk.Features.Mail;

/// <summary>Delivers through the configured SMTP server with MailKit, one connection per send.</summary>
public sealed class SmtpTransport(SmtpOptions options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var client = new SmtpClient { Timeout = Math.Max(1, options.TimeoutSeconds) * 1000 };
        var tls = Enum.TryParse<SecureSocketOptions>(options.Tls, ignoreCase: true, out var parsed) ? parsed : SecureSocketOptions.StartTls;
        await client.ConnectAsync(options.Host ?? throw new InvalidOperationException("Desk:Mail:Smtp:Host is not set."), options.Port, tls, cancellationToken);
        if (!string.IsNullOrEmpty(options.User))
        {
            await client.AuthenticateAsync(options.User, options.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
