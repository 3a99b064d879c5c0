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

    /// <summary>The librarian who took the message on (optional: anyone may answer).</summary>
    public string? AssignedLibrarianId { get; set; }

    /// <summary>When the first reply went out.</summary>
    public DateTimeOffset? RepliedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
    public OfflineMessageCloseReason? ClosedReason { get; set; }

    /// <summary>A reply was sent: a New message becomes Replied (further replies keep it Replied). A closed message takes no reply.</summary>
    public void RecordReply(string librarianId, DateTimeOffset at)
    {
        if (Status == OfflineMessageStatus.Closed)
        {
            throw new InvalidOperationException("A closed offline message takes no reply.");
        }

        Status = OfflineMessageStatus.Replied;
        RepliedAt ??= at;
        AssignedLibrarianId ??= librarianId;
    }

    /// <summary>Closed without a reply (spam, a duplicate, ...). Only a New message can be closed this way.</summary>
    public void CloseWithoutReply(OfflineMessageCloseReason reason, DateTimeOffset at)
    {
        if (Status != OfflineMessageStatus.New)
        {
            throw new InvalidOperationException("Only a new offline message can be closed without a reply.");
        }

        Status = OfflineMessageStatus.Closed;
        ClosedReason = reason;
        ClosedAt = at;
    }
}

public enum OfflineMessageStatus
{
    New = 0,
    Replied = 1,
    Closed = 2,
}

public enum OfflineMessageCloseReason
{
    Spam = 0,
    Duplicate = 1,
    Other = 2,
}
