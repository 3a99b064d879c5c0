namespace LibrarianDesk.Shared.OfflineMessages;

/// <summary>A librarian's answer to an offline message, as it was emailed to the patron.</summary>
public sealed class OfflineMessageReply
{
    public const int MaxTextLength = 4000;

    public Guid Id { get; set; }
    public Guid OfflineMessageId { get; set; }
    public string LibrarianId { get; set; } = "";
    public string LibrarianName { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset SentAt { get; set; }
}
