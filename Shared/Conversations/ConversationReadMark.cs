namespace LibrarianDesk.Shared.Conversations;

/// <summary>
/// How far one librarian has read one conversation: the patron's messages after
/// <see cref="LastReadSequence"/> are unread for that librarian. One row per conversation and librarian;
/// it only moves forward.
/// </summary>
public sealed class ConversationReadMark
{
    public Guid ConversationId { get; set; }
    public string LibrarianId { get; set; } = "";
    public int LastReadSequence { get; set; }
}
