using LibrarianDesk.Shared.Privacy;

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

    /// <summary>When the patron's details were removed (<see cref="Anonymise"/>); a reply to it is refused, as no address is left.</summary>
    public DateTimeOffset? AnonymisedAt { get; set; }

    /// <summary>True once the patron's text was deleted too (<see cref="Anonymise"/> with <c>deleteTexts</c>).</summary>
    public bool TextsDeleted { get; set; }

    /// <summary>
    /// Forgets who left the message, as <see cref="Conversations.Conversation.Anonymise"/> does for a chat: the name
    /// becomes the label, the email, member number and visitor id are removed, and mentions of them in the kept texts
    /// (the message and its <paramref name="replies"/>, whose bodies stay) are replaced by the label; with
    /// <paramref name="deleteTexts"/> the patron's text goes too. Status, times, question type and the librarian stay,
    /// so statistics do not change. Idempotent (texts kept at first may be deleted later). Returns whether anything changed.
    /// </summary>
    public bool Anonymise(AnonymousWording wording, bool deleteTexts, DateTimeOffset at, IEnumerable<OfflineMessageReply> replies)
    {
        ArgumentNullException.ThrowIfNull(wording);
        ArgumentNullException.ThrowIfNull(replies);
        if (AnonymisedAt is not null && (TextsDeleted || !deleteTexts))
        {
            return false;
        }

        if (AnonymisedAt is null)
        {
            var details = new PersonalDetails(Name, Email, MemberNumber);
            Text = details.Scrub(Text, wording.PatronLabel);
            foreach (var reply in replies)
            {
                reply.Text = details.Scrub(reply.Text, wording.PatronLabel);
            }

            Name = wording.PatronLabel;
            Email = "";
            MemberNumber = null;
            VisitorId = null;
            AnonymisedAt = at;
        }

        if (deleteTexts)
        {
            Text = wording.RemovedText;
            TextsDeleted = true;
        }

        return true;
    }

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
