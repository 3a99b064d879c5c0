using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Shared.OfflineMessages;

namespace LibrarianDesk.Features.Mail;

/// <summary>
/// Queues mail in the caller's unit of work (like the audit trail): the mail is committed with the
/// change that caused it or not at all. The <see cref="OutboxSender"/> delivers it afterwards.
/// </summary>
public sealed class Outbox(TimeProvider time)
{
    /// <summary>
    /// Adds a mail to <paramref name="db"/>. Throws <see cref="InvalidMailAddressException"/> for an address that is not one plain address.
    /// The recipient is the bare address, never with a name: a patron's name is theirs to choose ("Win a prize at evil.example")
    /// and would show in the mail program next to the library's.
    /// </summary>
    public OutboxMail Enqueue(
        DeskDbContext db, string to, string subject, string textBody, string? htmlBody, string kind, Guid? relatedId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!EmailAddresses.IsValid(to))
        {
            throw new InvalidMailAddressException(to);
        }

        var now = time.GetStoredUtcNow();
        var mail = new OutboxMail
        {
            Id = Guid.CreateVersion7(now),
            To = to.Trim(),
            Subject = Truncate(SingleLine(subject), OutboxMail.MaxSubjectLength) ?? "",
            TextBody = textBody ?? "",
            HtmlBody = htmlBody,
            Kind = kind,
            RelatedId = relatedId,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxMails.Add(mail);
        return mail;
    }

    /// <summary>Line breaks turned into spaces: a name or subject never starts a new mail header.</summary>
    public static string? SingleLine(string? value) =>
        value is null ? null
        : string.Join(' ', value.Split(['\r', '\n', '\u2028', '\u2029', '\u0085'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string? Truncate(string? value, int length) =>
        value is null || value.Length <= length ? value : value[..length];
}

/// <summary>An address that is not one plain email address (empty, malformed, or carrying line breaks).</summary>
public sealed class InvalidMailAddressException(string? address)
    : ArgumentException($"\"{Outbox.SingleLine(address)}\" is not a valid email address; the mail was not queued.")
{
    public string? Address { get; } = address;
}
