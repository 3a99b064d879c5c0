using MimeKit;

namespace LibrarianDesk.Features.Mail;

/// <summary>Hands one message to the world (an SMTP server, a pickup folder). Throws when it could not.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
