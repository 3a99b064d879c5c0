namespace LibrarianDesk.Shared.Attachments;

/// <summary>
/// A sent file's bytes, apart from its message (<see cref="Conversations.MessageAttachment"/>) so that reading a
/// transcript never reads files. <see cref="ConversationId"/> lets anonymisation delete a conversation's files in one
/// statement.
/// </summary>
public sealed class AttachmentContent
{
    private AttachmentContent()
    {
    }

    public Guid AttachmentId { get; private set; }
    public Guid ConversationId { get; private set; }
    public byte[] Bytes { get; private set; } = [];

    public static AttachmentContent Of(Guid attachmentId, Guid conversationId, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new AttachmentContent { AttachmentId = attachmentId, ConversationId = conversationId, Bytes = bytes };
    }
}
