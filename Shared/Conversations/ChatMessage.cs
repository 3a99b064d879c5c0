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

    /// <summary>The librarian's user id for <see cref="MessageAuthor.Librarian"/> messages.</summary>
    public string? AuthorId { get; private set; }

    public string Text { get; private set; } = "";

    /// <summary>The sender's own id for the message: a resend with the same id is recognised, not stored twice.</summary>
    public string? ClientMessageId { get; private set; }

    public const int MaxClientMessageIdLength = 64;
    public DateTimeOffset SentAt { get; private set; }

    internal static ChatMessage Create(
        Guid conversationId, int sequence, MessageAuthor author, string? authorId, string text, DateTimeOffset at, string? clientMessageId)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw new ConversationRuleException(EmptyMessage);
        }

        if (trimmed.Length > MaxTextLength)
        {
            throw new ConversationRuleException(MessageTooLong);
        }

        return new ChatMessage
        {
            ConversationId = conversationId,
            Sequence = sequence,
            Author = author,
            AuthorId = authorId,
            Text = trimmed,
            SentAt = at,
            ClientMessageId = clientMessageId,
        };
    }

    public const string EmptyMessage = "message_empty";
    public const string MessageTooLong = "message_too_long";
}
