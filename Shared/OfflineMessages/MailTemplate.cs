namespace LibrarianDesk.Shared.OfflineMessages;

/// <summary>
/// A Supervisor's wording of one of the desk's mails in one language, replacing the default from the
/// resource files. Placeholders such as <c>{PatronName}</c> are filled in when the mail is written.
/// </summary>
public sealed class MailTemplate
{
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 8000;

    public string Kind { get; set; } = "";

    /// <summary>"id" or "en".</summary>
    public string Language { get; set; } = "id";

    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
}

/// <summary>The mails that have a template, and the placeholders each one may use.</summary>
public static class MailTemplateKinds
{
    public const string OfflineReply = OutboxMailKinds.OfflineReply;
    public const string OfflineAnnouncement = OutboxMailKinds.OfflineAnnouncement;
    public const string Transcript = OutboxMailKinds.Transcript;

    public static IReadOnlyList<string> All { get; } = [OfflineReply, OfflineAnnouncement, Transcript];

    public static IReadOnlyList<string> Languages { get; } = ["id", "en"];

    public static IReadOnlyList<string> PlaceholdersOf(string kind) => kind switch
    {
        OfflineReply => ["Greeting", "PatronName", "Question", "Reply", "SignOff", "LibrarianName", "ReceivedAt", "LibraryName"],
        OfflineAnnouncement => ["PatronName", "PatronEmail", "MemberNumber", "QuestionType", "Question", "ReceivedAt", "LibraryName"],
        Transcript => ["PatronName", "StartedAt", "Transcript", "LibraryName"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a mail with a template."),
    };
}
