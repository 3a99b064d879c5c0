using LibrarianDesk.Features.Mail;
using LibrarianDesk.Shared.Attachments;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;

namespace LibrarianDesk.Features.Conversations;

public static class PatronMessages
{
    /// <summary>
    /// A message as the patron reads it: a desk line in the patron's <paramref name="language"/> and without an
    /// author's name (the desk wrote it), any other with <paramref name="authorName"/>, the librarian who wrote it.
    /// </summary>
    public static PatronMessage Of(ChatMessage message, string? authorName, string language)
    {
        ArgumentNullException.ThrowIfNull(message);
        var author = message.Author switch
        {
            MessageAuthor.Patron => PatronMessage.FromPatron,
            MessageAuthor.Librarian => PatronMessage.FromLibrarian,
            _ => PatronMessage.FromSystem,
        };
        var name = message.Author == MessageAuthor.System ? null : authorName;
        var text = TranscriptAudience.Patron.Words(message, MailTexts.CultureFor(language));
        return new PatronMessage(
            message.ConversationId, message.Sequence, author, name, text, message.SentAt, message.ClientMessageId,
            message.Attachment is null ? null : AttachmentOf(message.Attachment));
    }

    /// <summary>A message's file as the patron API shows it: served as the type its content was judged to be.</summary>
    public static AttachmentInfo AttachmentOf(MessageAttachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return new AttachmentInfo(
            attachment.Id, attachment.FileName, AttachmentFile.ContentType(attachment.Kind), attachment.Length,
            AttachmentFile.IsImage(attachment.Kind), attachment.Removed);
    }
}
