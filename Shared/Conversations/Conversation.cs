using System.Linq.Expressions;
using LibrarianDesk.Shared.Privacy;
using LibrarianDesk.Shared.Reporting;

namespace LibrarianDesk.Shared.Conversations;

/// <summary>
/// One chat between a patron and the desk. State changes go through the methods below so the
/// rules (who may claim, what a close records) live in one place; times come from the caller's
/// <see cref="TimeProvider"/>, never from the wall clock.
/// </summary>
public sealed class Conversation
{
    public const int MaxPatronNameLength = 100;
    public const int MaxEmailLength = 254;
    public const int MaxMemberNumberLength = 32;

    private Conversation()
    {
    }

    public Guid Id { get; private set; }
    public ConversationStatus Status { get; private set; }
    public string PatronName { get; private set; } = "";
    public string? PatronEmail { get; private set; }

    /// <summary>The member number as the patron typed it; not verified.</summary>
    public string? ClaimedMemberNumber { get; private set; }

    public int? QuestionTypeId { get; private set; }
    public string? PageUrl { get; private set; }

    /// <summary>The widget's own id for the browser the patron wrote from (not personal data by itself).</summary>
    public string? VisitorId { get; private set; }

    /// <summary>The patron's language, <c>id</c> or <c>en</c>: the language of every sentence the desk sends them.</summary>
    public string Language { get; private set; } = "id";

    /// <summary>The address the patron wrote from (as the desk trusts it), for the patron panel and IP blocks.</summary>
    public string? PatronIpAddress { get; private set; }

    /// <summary>SHA-256 of the patron token; the token itself is never stored.</summary>
    public string PatronTokenHash { get; private set; } = "";

    /// <summary>When the patron's first message was committed: the start of every wait metric.</summary>
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? ClaimedAt { get; private set; }
    public DateTimeOffset? FirstResponseAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    // Time metrics recorded when their events happen (wall clock and service hours, in seconds), so
    // analytics aggregate stored numbers instead of recomputing opening hours for every report.
    public double? WaitSeconds { get; private set; }
    public double? WaitServiceSeconds { get; private set; }
    public double? FirstResponseSeconds { get; private set; }
    public double? FirstResponseServiceSeconds { get; private set; }
    public double? DurationSeconds { get; private set; }
    public double? DurationServiceSeconds { get; private set; }

    /// <summary>The librarian who owns the conversation (Identity user id) once it is claimed.</summary>
    public string? OwnerId { get; private set; }

    /// <summary>Reference Effort Assessment Data scale, 1–6, recorded at close.</summary>
    public int? ReadScale { get; private set; }

    /// <summary>Free labels the librarian adds at close (comma-separated, lower case), for reference statistics.</summary>
    public string? Tags { get; private set; }

    public const int MaxTagsLength = 200;

    /// <summary>The patron's rating, 1–5.</summary>
    public int? Rating { get; private set; }

    /// <summary>What the librarian concluded about the patron's membership (verified, not a member, could not verify).</summary>
    public MembershipMark Membership { get; private set; }

    public string? RatingComment { get; private set; }

    /// <summary>Where the patron asked the transcript to be sent once the conversation has ended.</summary>
    public string? TranscriptEmail { get; private set; }

    /// <summary>True when the patron, not a librarian, ended the conversation.</summary>
    public bool EndedByPatron { get; private set; }

    /// <summary>The highest message sequence number given out so far in this conversation.</summary>
    public int LastSequence { get; private set; }

    /// <summary>When a librarian answered this missed conversation by email (<see cref="RecordFollowUp"/>).</summary>
    public DateTimeOffset? FollowedUpAt { get; private set; }

    /// <summary>The librarian who answered this missed conversation by email; it is theirs to classify.</summary>
    public string? FollowedUpById { get; private set; }

    /// <summary>When the patron's details were removed (<see cref="Anonymise"/>); null while the desk still knows who wrote.</summary>
    public DateTimeOffset? AnonymisedAt { get; private set; }

    /// <summary>True once the patron's own words were deleted too (<see cref="Anonymise"/> with <c>deleteTexts</c>).</summary>
    public bool TextsDeleted { get; private set; }

    /// <summary>
    /// Ended, answered and not yet classified: closed without a classification (the patron ended it, a block
    /// did), or missed and answered later by email. It waits in the "to classify" list of its owner.
    /// </summary>
    public static Expression<Func<Conversation, bool>> AwaitingClassification { get; } = c =>
        c.ReadScale == null && (c.Status == ConversationStatus.Closed || (c.Status == ConversationStatus.Missed && c.FollowedUpAt != null));

    private static readonly Func<Conversation, bool> Awaits = AwaitingClassification.Compile();

    public bool AwaitsClassification => Awaits(this);

    /// <summary>Who classifies the conversation: its owner, or for a missed one the librarian who followed it up.</summary>
    public string? ClassifierId => OwnerId ?? FollowedUpById;

    public List<ChatMessage> Messages { get; } = [];

    /// <summary>
    /// A conversation a librarian may claim: one still waiting. <see cref="Claim"/> checks it on the entity and
    /// the desk's one-statement claim puts it in its condition, so the database decides a race by this rule.
    /// </summary>
    public static Expression<Func<Conversation, bool>> Claimable { get; } = c => c.Status == ConversationStatus.Waiting;

    /// <summary>A conversation that can end as missed: one nobody took yet (<see cref="MarkMissed"/>, and the sweeper's one statement).</summary>
    public static Expression<Func<Conversation, bool>> Missable { get; } = c => c.Status == ConversationStatus.Waiting;

    private static readonly Func<Conversation, bool> IsClaimable = Claimable.Compile();
    private static readonly Func<Conversation, bool> IsMissable = Missable.Compile();

    /// <summary>
    /// What <see cref="RecordMetrics"/> stores once a conversation that started at <paramref name="startedAt"/> is
    /// claimed at <paramref name="at"/>: its wait, as nothing else has happened to a waiting conversation. For a
    /// claim made in one statement, without loading the conversation.
    /// </summary>
    public static ConversationMetrics MetricsAfterClaim(DateTimeOffset startedAt, DateTimeOffset at, MetricClock clock) =>
        ConversationMetrics.Of(ConversationStatus.Active, startedAt, claimedAt: at, firstResponseAt: null, closedAt: null, clock);

    /// <summary>
    /// What <see cref="RecordMetrics"/> stores once a conversation is marked missed: nothing measured, as nobody
    /// claimed or answered it and only a librarian's close has a duration. For the sweeper's one statement.
    /// </summary>
    public static ConversationMetrics MetricsAfterMissed { get; } = new(null, null, null);

    /// <summary>The number the next message takes: one past the last, so a conversation's numbers have no gaps.</summary>
    public static int SequenceAfter(int lastSequence) => lastSequence + 1;

    public static Conversation Start(
        Guid id, string patronName, string? patronEmail, string? claimedMemberNumber,
        int? questionTypeId, string? pageUrl, DateTimeOffset startedAt,
        string patronTokenHash = "", string? visitorId = null, string language = "id", string? patronIpAddress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patronName);
        return new Conversation
        {
            PatronTokenHash = patronTokenHash,
            PatronIpAddress = patronIpAddress,
            VisitorId = visitorId,
            Language = language,
            Id = id,
            Status = ConversationStatus.Waiting,
            PatronName = patronName.Trim(),
            PatronEmail = string.IsNullOrWhiteSpace(patronEmail) ? null : patronEmail.Trim(),
            ClaimedMemberNumber = string.IsNullOrWhiteSpace(claimedMemberNumber) ? null : claimedMemberNumber.Trim(),
            QuestionTypeId = questionTypeId,
            PageUrl = pageUrl,
            StartedAt = startedAt,
        };
    }

    /// <summary>An ended conversation takes no more messages from the patron or a librarian; the desk and notes may still add to it.</summary>
    public static bool Accepts(ConversationStatus status, MessageAuthor author) =>
        status is not (ConversationStatus.Closed or ConversationStatus.Missed) || author is MessageAuthor.System or MessageAuthor.Note;

    /// <summary>Adds a message with the next sequence number of this conversation.</summary>
    public ChatMessage Append(MessageAuthor author, string? authorId, string text, DateTimeOffset at, string? clientMessageId = null) =>
        Append(author, authorId, text, at, clientMessageId, SystemEvent.None);

    /// <summary>
    /// Adds a file from the patron or a librarian, numbered and accepted like any of their messages; its text is the
    /// file's name.
    /// </summary>
    public ChatMessage AppendAttachment(MessageAuthor author, string? authorId, MessageAttachment attachment, DateTimeOffset at, string? clientMessageId)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        if (author is not (MessageAuthor.Patron or MessageAuthor.Librarian))
        {
            throw new ArgumentOutOfRangeException(nameof(author), author, "Only the patron and a librarian send files.");
        }

        return Append(author, authorId, attachment.FileName, at, clientMessageId, SystemEvent.None, attachment);
    }

    private ChatMessage Append(
        MessageAuthor author, string? authorId, string text, DateTimeOffset at, string? clientMessageId, SystemEvent systemEvent,
        MessageAttachment? attachment = null)
    {
        if (!Accepts(Status, author))
        {
            throw new ConversationRuleException(ConversationRuleException.AlreadyEnded);
        }

        // The number is taken only once the message is accepted: a refused message leaves no gap.
        var message = ChatMessage.Create(Id, SequenceAfter(LastSequence), author, authorId, text, at, clientMessageId, systemEvent, attachment);
        LastSequence = message.Sequence;
        Messages.Add(message);
        if (author == MessageAuthor.Librarian && FirstResponseAt is null)
        {
            FirstResponseAt = at;
        }

        return message;
    }

    public void Claim(string librarianId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(librarianId);
        if (!IsClaimable(this))
        {
            throw new ConversationRuleException(ConversationRuleException.NotWaiting);
        }

        Status = ConversationStatus.Active;
        OwnerId = librarianId;
        ClaimedAt = at;
    }

    /// <summary>
    /// Hands an Active conversation to another librarian and records it in the same change: a desk line
    /// both sides see (<see cref="SystemEvent.Transferred"/>), by <paramref name="byLibrarianId"/>, naming the
    /// new librarian as they are called now.
    /// </summary>
    public ChatMessage Transfer(string byLibrarianId, string toLibrarianId, string toLibrarianName, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(byLibrarianId);
        ArgumentException.ThrowIfNullOrWhiteSpace(toLibrarianId);
        ArgumentException.ThrowIfNullOrWhiteSpace(toLibrarianName);
        if (Status != ConversationStatus.Active)
        {
            throw new ConversationRuleException(ConversationRuleException.NotActive);
        }

        OwnerId = toLibrarianId;
        return Append(MessageAuthor.System, byLibrarianId, toLibrarianName, at, null, SystemEvent.Transferred);
    }

    /// <summary>
    /// A librarian ends an Active conversation with its classification. One nobody took ends as Missed
    /// instead (<see cref="MarkMissed"/>).
    /// </summary>
    public void Close(DateTimeOffset at, Classification classification)
    {
        ArgumentNullException.ThrowIfNull(classification);
        Close(at);
        Classify(classification);
    }

    /// <summary>Ends an Active conversation without a classification (the patron left, a block ended it): its owner classifies it later.</summary>
    public void Close(DateTimeOffset at)
    {
        if (Status is ConversationStatus.Closed or ConversationStatus.Missed)
        {
            throw new ConversationRuleException(ConversationRuleException.AlreadyEnded);
        }

        if (Status == ConversationStatus.Waiting)
        {
            throw new ConversationRuleException(ConversationRuleException.NotActive);
        }

        Status = ConversationStatus.Closed;
        ClosedAt = at;
    }

    /// <summary>Records the question type, READ level and tags of a conversation that <see cref="AwaitsClassification"/>.</summary>
    public void Classify(Classification classification)
    {
        ArgumentNullException.ThrowIfNull(classification);
        if (!AwaitsClassification)
        {
            throw new ConversationRuleException(ReadScale is null ? ConversationRuleException.NotAnswered : ConversationRuleException.AlreadyClassified);
        }

        QuestionTypeId = classification.QuestionTypeId;
        ReadScale = classification.ReadScale;
        Tags = classification.Tags;
    }

    /// <summary>
    /// A librarian answered a missed conversation by email, to the address the patron started with (the
    /// only one a reply may go to). Once: a second follow-up is refused.
    /// </summary>
    public void RecordFollowUp(string librarianId, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(librarianId);
        if (Status != ConversationStatus.Missed)
        {
            throw new ConversationRuleException(ConversationRuleException.NotMissed);
        }

        if (PatronEmail is null)
        {
            throw new ConversationRuleException(ConversationRuleException.NoFollowUpAddress);
        }

        if (FollowedUpAt is not null)
        {
            throw new ConversationRuleException(ConversationRuleException.AlreadyFollowedUp);
        }

        FollowedUpAt = at;
        FollowedUpById = librarianId;
    }

    /// <summary>
    /// The patron leaves: an Active conversation is closed; one nobody took yet counts as Missed
    /// (no librarian replied before the patron left).
    /// </summary>
    public void EndByPatron(DateTimeOffset at)
    {
        End(at);
        EndedByPatron = true;
    }

    /// <summary>
    /// Ends an open conversation nobody classifies now (the patron left, their address was blocked): one nobody
    /// took yet counts as Missed, an Active one is closed and its owner classifies it later.
    /// </summary>
    public void End(DateTimeOffset at)
    {
        if (IsMissable(this))
        {
            MarkMissed(at);
        }
        else
        {
            Close(at);
        }
    }

    /// <summary>
    /// The transcript goes only to the address the patron started with (any other would let anyone have
    /// the library mail a text of their choosing to a stranger); the address asked for must be that one.
    /// </summary>
    public void RequestTranscript(string? email)
    {
        if (PatronEmail is null)
        {
            throw new ConversationRuleException(ConversationRuleException.NoTranscriptAddress);
        }

        if (!string.Equals(PatronEmail.Trim(), email?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new ConversationRuleException(ConversationRuleException.NotTheTranscriptAddress);
        }

        TranscriptEmail = PatronEmail;
    }

    /// <summary>Stores the metrics measured from this conversation's own times (docs/metrics.md).</summary>
    public void RecordMetrics(MetricClock clock)
    {
        var metrics = ConversationMetrics.Of(this, clock);
        // A statement that runs a transition without loading the conversation writes the same columns (ConversationStatements).
        WaitSeconds = metrics.Wait?.WallClockSeconds;
        WaitServiceSeconds = metrics.Wait?.ServiceSeconds;
        FirstResponseSeconds = metrics.FirstResponse?.WallClockSeconds;
        FirstResponseServiceSeconds = metrics.FirstResponse?.ServiceSeconds;
        DurationSeconds = metrics.Duration?.WallClockSeconds;
        DurationServiceSeconds = metrics.Duration?.ServiceSeconds;
    }

    public void MarkMissed(DateTimeOffset at)
    {
        if (!IsMissable(this))
        {
            throw new ConversationRuleException(ConversationRuleException.NotWaiting);
        }

        Status = ConversationStatus.Missed;
        ClosedAt = at;
    }

    /// <summary>
    /// Forgets who the patron was: the name becomes <see cref="AnonymousWording.PatronLabel"/>; the email, transcript
    /// address, member number, IP address, page and visitor id are removed; mentions of the name, email and member
    /// number in the kept texts (the patron's, the librarians', the notes and the rating comment) are replaced by the
    /// label. With <paramref name="deleteTexts"/> the patron's own messages and rating comment go too (each message
    /// keeps <see cref="AnonymousWording.RemovedText"/>). Status, times, metrics, classification, owner and the rating
    /// number never change, so statistics stay as they were. Files go in any case, texts kept or not (a screenshot is
    /// personal data): each attachment is marked <see cref="MessageAttachment.Removed"/> and its name becomes
    /// <see cref="AnonymousWording.RemovedText"/>; the caller deletes the bytes in the same save. The retention job and an
    /// erase on request both call this.
    /// Idempotent: a second call changes nothing, except that a conversation anonymised with its texts kept may later
    /// have them deleted. Returns whether anything changed. <see cref="Messages"/> must be loaded (all of them).
    /// </summary>
    public bool Anonymise(AnonymousWording wording, bool deleteTexts, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(wording);
        if (AnonymisedAt is not null && (TextsDeleted || !deleteTexts))
        {
            return false;
        }

        if (Messages.Count != LastSequence)
        {
            throw new InvalidOperationException("Anonymising a conversation needs all of its messages loaded.");
        }

        if (AnonymisedAt is null)
        {
            var details = new PersonalDetails(PatronName, PatronEmail, ClaimedMemberNumber);
            foreach (var message in Messages.Where(m => m.Author != MessageAuthor.System))
            {
                if (message.Attachment is not null)
                {
                    message.RemoveAttachment(wording.RemovedText);
                }
                else
                {
                    message.Redact(details.Scrub(message.Text, wording.PatronLabel));
                }
            }

            RatingComment = RatingComment is null ? null : details.Scrub(RatingComment, wording.PatronLabel);
            PatronName = wording.PatronLabel;
            PatronEmail = null;
            TranscriptEmail = null;
            ClaimedMemberNumber = null;
            PatronIpAddress = null;
            PageUrl = null;
            VisitorId = null;
            AnonymisedAt = at;
        }

        if (deleteTexts)
        {
            foreach (var message in Messages.Where(m => m.Author == MessageAuthor.Patron && m.Attachment is null))
            {
                message.Redact(wording.RemovedText);
            }

            RatingComment = null;
            TextsDeleted = true;
        }

        return true;
    }

    /// <summary>
    /// Corrects who the patron is on request (a data-subject request): the name, and the email when one is given (the
    /// transcript address follows it, being the same address). The caller validated both as patron input. An
    /// anonymised conversation has no patron left to correct: false, nothing changes.
    /// </summary>
    public bool CorrectPatron(string name, string? email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (AnonymisedAt is not null)
        {
            return false;
        }

        PatronName = name;
        if (email is not null)
        {
            PatronEmail = email;
            TranscriptEmail = TranscriptEmail is null ? null : email;
        }

        return true;
    }

    public const string TagsTooLong = "tags_too_long";

    public const int MaxRatingCommentLength = 1000;

    /// <summary>Records the librarian's membership conclusion; a later check replaces an earlier one.</summary>
    public void MarkMembership(MembershipMark mark)
    {
        if (!Enum.IsDefined(mark))
        {
            throw new ArgumentOutOfRangeException(nameof(mark), mark, "Unknown membership mark.");
        }

        Membership = mark;
    }

    public void Rate(int rating, string? comment = null)
    {
        if (rating is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(rating), rating, "A rating runs from 1 to 5.");
        }

        Rating = rating;
        RatingComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
    }
}
