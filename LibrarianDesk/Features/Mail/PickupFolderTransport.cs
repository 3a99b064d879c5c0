using LibrarianDesk.Data;
using MimeKit;

namespace LibrarianDesk.Features.Mail;

/// <summary>
/// The out-of-the-box transport: every mail becomes an RFC 822 <c>.eml</c> file in the pickup folder,
/// which any mail program opens (or a relay picks up).
/// </summary>
public sealed class PickupFolderTransport(string folder) : IMailTransport
{
    public string Folder { get; } = folder;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        OwnerOnlyFiles.CreateFolder(Folder);
        var name = $"{DateTimeOffset.UtcNow:yyyyMMdd-HHmmssfff}-{Guid.NewGuid():N}.eml";
        var temporary = Path.Combine(Folder, name + ".tmp");

        // Written under a temporary name and renamed, so a reader never sees half a mail; owner-only from
        // its first byte, since mails carry patrons' addresses and questions.
        await using (var file = new FileStream(temporary, OwnerOnlyFiles.NewFile()))
        {
            await message.WriteToAsync(file, cancellationToken);
        }

        File.Move(temporary, Path.Combine(Folder, name));
    }
}
