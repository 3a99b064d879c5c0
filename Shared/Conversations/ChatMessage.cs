namespace LibrarianDesk.Shared.Conversations;

/// <summary>
/// One message. <see cref="Sequence"/> counts from 1 within its conversation, so a client that
/// reconnects asks for "everything after n" and misses nothing.
/// </summary>
public sealed class ChatMessage
{
    /// <summary>Long enough for a detailed reference answer, short enough to keep one message one screen.</summary>
    public const int MaxTextLength = 4000;

    private ChatMessage()
    {
    }

    public long Id { get; private set; }
    public Guid ConversationId { get; private set; }
    public int Sequence { get; private set; }
    public MessageAuthor Author { get; private set; }

    /// <summary>
    /// The librarian's user id for <see cref="MessageAuthor.Librarian"/> messages and notes; for a desk line, the
    /// librarian whose action it records (who handed the conversation on).
    /// </summary>
    public string? AuthorId { get; private set; }

    public string Text { get; private set; } = "";

    /// <summary>The sender's own id for the message: a resend with the same id is recognised, not stored twice.</summary>
    public string? ClientMessageId { get; private set; }

    public const int MaxClientMessageIdLength = 64;
    public DateTimeOffset SentAt { get; private set; }

    /// <summary>What a <see cref="MessageAuthor.System"/> line records; <see cref="SystemEvent.None"/> for every other message.</summary>
    public SystemEvent SystemEvent { get; private set; }

    /// <summary>The file this message carries, its <see cref="Text"/> being the file's name; null for a written message.</summary>
    public MessageAttachment? Attachment { get; private set; }

    internal static ChatMessage Create(
        Guid conversationId, int sequence, MessageAuthor author, string? authorId, string text, DateTimeOffset at, string? clientMessageId,
        SystemEvent systemEvent = SystemEvent.None, MessageAttachment? attachment = null)
    {
        return new ChatMessage
        {
            Attachment = attachment,
            ConversationId = conversationId,
            Sequence = sequence,
            Author = author,
            AuthorId = authorId,
            Text = ValidText(text),
            SentAt = at,
            ClientMessageId = clientMessageId,
            SystemEvent = systemEvent,
        };
    }

    /// <summary>
    /// A message committed by a writer that checks the conversation's rules in SQL itself (the desk's chat
    /// writer, for its hottest writes), as it was stored, so that it can be shown without reading it back.
    /// Every other new message comes from <see cref="Conversation.Append"/>.
    /// </summary>
    public static ChatMessage Committed(
        long id, Guid conversationId, int sequence, MessageAuthor author, string? authorId, string text, DateTimeOffset sentAt, string? clientMessageId)
    {
        var message = Create(conversationId, sequence, author, authorId, text, sentAt, clientMessageId);
        message.Id = id;
        return message;
    }

    /// <summary>The text as stored: trimmed, neither empty nor longer than <see cref="MaxTextLength"/>.</summary>
    public static string ValidText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new ConversationRuleException(EmptyMessage);
        }

        return trimmed.Length <= MaxTextLength ? trimmed : throw new ConversationRuleException(MessageTooLong);
    }

    /// <summary>Replaces the text when the conversation is anonymised (<see cref="Conversation.Anonymise"/>); nothing else rewrites a message.</summary>
    internal void Redact(string text) => Text = ValidText(text);

    /// <summary>On anonymisation: the attachment is marked removed and the message's text, its name, becomes <paramref name="label"/>.</summary>
    internal void RemoveAttachment(string label)
    {
        Attachment?.Remove(label);
        Text = ValidText(label);
    }

    public const string EmptyMessage = "message_empty";
    public const string MessageTooLong = "message_too_long";
}
