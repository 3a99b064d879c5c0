namespace LibrarianDesk.Shared.OfflineMessages;

/// <summary>
/// A message a patron left while the desk was closed (or nobody was Online): the chat box's
/// "send email" form of the seed. Librarians answer it from the offline inbox.
/// </summary>
public sealed class OfflineMessage
{
    public const int MaxTextLength = 4000;

    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string? MemberNumber { get; set; }
    public int? QuestionTypeId { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
    public string Language { get; set; } = "id";
    public string? VisitorId { get; set; }
    public OfflineMessageStatus Status { get; set; } = OfflineMessageStatus.New;
}

public enum OfflineMessageStatus
{
    New = 0,
    Replied = 1,
    Closed = 2,
}
