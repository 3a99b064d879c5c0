namespace LibrarianDesk.Shared.Contracts;

/// <summary>The first call of every connection. <see cref="VisitorId"/> is the widget's own random id, kept in the browser.</summary>
public sealed record HelloRequest(string VisitorId, string? PageUrl, string? PageTitle, string? Referrer, string? Language);

/// <summary><see cref="Privacy"/> is what the forms tell patrons (absent from desks older than the setting).</summary>
public sealed record HelloResponse(
    DeskStatusInfo Status,
    IReadOnlyList<QuestionTypeOption> QuestionTypes,
    MessageLimits Limits,
    PatronPrivacyNotice? Privacy = null);

/// <summary>
/// The library's privacy notice in the patron's language (<see cref="Text"/>, <see cref="Link"/>: an https address,
/// each absent when not set) and whether librarians see a message while it is typed. When
/// <see cref="TypingPreviews"/> is false the desk drops every <c>Typing</c> call, so a client need not send any.
/// </summary>
public sealed record PatronPrivacyNotice(string? Text, string? Link, bool TypingPreviews);

public sealed record PageView(string? PageUrl, string? PageTitle);

/// <summary>
/// Whether the desk takes chats now. <see cref="State"/> is <c>open</c>, <c>closed</c> (outside hours or a holiday)
/// or <c>no_librarian</c> (inside the hours, nobody Online); when not open, patrons leave an offline message.
/// </summary>
public sealed record DeskStatusInfo(
    bool IsOpen,
    string State,
    string? ClosedReason,
    string? HolidayName,
    DateTimeOffset? NextOpening,
    int LibrariansOnline)
{
    public const string Open = "open";
    public const string ClosedState = "closed";
    public const string NoLibrarian = "no_librarian";
    public const string OutsideHours = "outside_hours";
    public const string Holiday = "holiday";
    public const string NoSchedule = "no_schedule";
}

public sealed record QuestionTypeOption(int Id, string Name);

/// <summary><see cref="MaxAttachmentBytes"/> is the largest file the desk takes (0 from a desk that does not say).</summary>
public sealed record MessageLimits(int MaxMessageLength, int MaxNameLength, long MaxAttachmentBytes = 0);

public sealed record FaqAnswer(int Id, string Question, string Answer);

/// <summary>
/// <see cref="StartKey"/> is a secret the client makes for this one conversation (at least 128 random bits,
/// 32–128 characters of <c>A–Z a–z 0–9 - _</c>) and sends again when it retries the start: the desk
/// answers a retry with the same conversation and the same token, however often and however concurrently
/// it arrives. It becomes the conversation's patron token, so it is as secret as the token. Without it
/// every call starts a new conversation.
/// </summary>
public sealed record StartConversationRequest(
    string Name, string? Email, string? MemberNumber, int QuestionTypeId, string Text, string ClientMessageId,
    string? PageUrl = null, string? VisitorId = null, string? StartKey = null)
{
    public const int MinStartKeyLength = 32;
    public const int MaxStartKeyLength = 128;

    /// <summary>A fresh start key for a .NET client: 256 random bits in hex.</summary>
    public static string NewStartKey() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}

/// <summary>
/// <see cref="PatronToken"/> is the only key to the conversation: keep it (the widget keeps it in local
/// storage) and send it with every later call.
/// </summary>
public sealed record StartConversationResponse(Guid ConversationId, string PatronToken, PatronMessage FirstMessage);

/// <summary>Names one conversation and proves the caller is its patron.</summary>
public sealed record ConversationKey(Guid ConversationId, string PatronToken);

public sealed record SendMessageRequest(Guid ConversationId, string PatronToken, string ClientMessageId, string Text);

public sealed record MessageAcknowledgement(int Sequence, DateTimeOffset SentAt);

public sealed record ResumeRequest(Guid ConversationId, string PatronToken, int AfterSequence);

/// <summary><see cref="Status"/> is <c>waiting</c>, <c>active</c>, <c>closed</c> or <c>missed</c>.</summary>
public sealed record ResumeResponse(string Status, string? LibrarianName, IReadOnlyList<PatronMessage> Messages);

/// <summary>
/// A message as the patron sees it. <see cref="Author"/> is <c>patron</c>, <c>librarian</c> or <c>system</c>;
/// <see cref="ClientMessageId"/> echoes the patron's own id so a client can match its pending messages.
/// <see cref="Attachment"/> is the file the message carries (its <see cref="Text"/> is then the file's name), else null.
/// </summary>
public sealed record PatronMessage(
    Guid ConversationId, int Sequence, string Author, string? AuthorName, string Text, DateTimeOffset SentAt, string? ClientMessageId,
    AttachmentInfo? Attachment = null)
{
    public const string FromPatron = "patron";
    public const string FromLibrarian = "librarian";
    public const string FromSystem = "system";
}

public sealed record TypingRequest(Guid ConversationId, string PatronToken, string? Draft);

public sealed record RateConversationRequest(Guid ConversationId, string PatronToken, int Rating, string? Comment);

public sealed record TranscriptRequest(Guid ConversationId, string PatronToken, string Email);

public sealed record OfflineMessageRequest(
    string Name, string Email, string? MemberNumber, int QuestionTypeId, string Text, string? VisitorId = null);

public sealed record OfflineMessageAcknowledgement(Guid OfflineMessageId, DateTimeOffset ReceivedAt);

public sealed record ConversationClaimedNotice(Guid ConversationId, string LibrarianName);

public sealed record LibrarianTypingNotice(Guid ConversationId, bool IsTyping);

/// <summary><see cref="Reason"/> is <c>closed_by_librarian</c>, <c>ended_by_patron</c>, <c>missed</c> or <c>blocked</c>.</summary>
public sealed record ConversationClosedNotice(Guid ConversationId, string Reason)
{
    public const string ClosedByLibrarian = "closed_by_librarian";
    public const string EndedByPatron = "ended_by_patron";
    public const string Missed = "missed";
    public const string Blocked = "blocked";
}

/// <summary>
/// A librarian (or an automatic trigger) greets the visitor first. Answer with <c>AnswerGreeting</c> and
/// <see cref="GreetingId"/>; <see cref="NameRequired"/> and <see cref="EmailRequired"/> say what the library asks
/// before such a chat. After <see cref="ExpiresInSeconds"/> an unanswered greeting is gone.
/// </summary>
public sealed record GreetingNotice(
    string LibrarianName, string Text, Guid GreetingId = default, bool NameRequired = false, bool EmailRequired = false, int ExpiresInSeconds = 0);

/// <summary>The visitor answers a greeting: a conversation starts with the greeting and this reply.</summary>
public sealed record AnswerGreetingRequest(
    Guid GreetingId, string Text, string ClientMessageId, string? Name = null, string? Email = null, string? MemberNumber = null, string? PageUrl = null);

public sealed record BlockedNotice(string Message);

/// <summary>
/// A file sent in the chat, as a client shows it: <see cref="ContentType"/> as the desk serves it (judged from the
/// content), <see cref="IsImage"/> to show it inline, <see cref="Removed"/> once anonymisation deleted the bytes (the
/// name then reads as the deleted text, and the download answers 404).
/// </summary>
public sealed record AttachmentInfo(Guid Id, string FileName, string ContentType, long Length, bool IsImage, bool Removed);

/// <summary>The answer to an upload: the message it became, like <see cref="MessageAcknowledgement"/>, and its file.</summary>
public sealed record AttachmentAcknowledgement(int Sequence, DateTimeOffset SentAt, AttachmentInfo Attachment);
