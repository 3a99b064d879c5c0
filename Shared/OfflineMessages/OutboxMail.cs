namespace LibrarianDesk.Shared.OfflineMessages;

/// <summary>
/// A mail waiting to go out (or gone out). It is committed with whatever caused it; the background
/// sender delivers it, retrying with growing pauses, so an SMTP outage loses nothing.
/// </summary>
public sealed class OutboxMail
{
    public const int MaxSubjectLength = 300;
    public const int MaxAddressLength = 254;
    public const int MaxErrorLength = 2000;

    public Guid Id { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public string? HtmlBody { get; set; }
    public string Kind { get; set; } = "";

    /// <summary>What the mail is about (an offline message's id), so an announcement is queued once.</summary>
    public Guid? RelatedId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>An administrator gave up on the mail: it is kept, but never sent.</summary>
    public DateTimeOffset? DiscardedAt { get; set; }

    /// <summary>The server sending the mail now (its id), so that no other server sends it too; null when none is.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>When the claim lapses: a server that died mid-send leaves the mail to another after this instant.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
}

/// <summary>What an outbox mail is, for the admin's view and for tests.</summary>
public static class OutboxMailKinds
{
    public const string OfflineReply = "offline-reply";
    public const string OfflineAnnouncement = "offline-announcement";
    public const string Transcript = "transcript";

    /// <summary>A librarian's answer by email to a missed chat (written with the offline reply's template).</summary>
    public const string MissedFollowUp = "missed-follow-up";
}
