namespace LibrarianDesk.Shared.OfflineMessages;

/// <summary>Audit actions of the offline inbox (kept with the feature; see <c>AuditActions</c> for the rest).</summary>
public static class OfflineAuditActions
{
    public const string Replied = "offline.replied";
    public const string Closed = "offline.closed";
    public const string Assigned = "offline.assigned";
    public const string MailRetried = "outbox.retried";
    public const string MailDiscarded = "outbox.discarded";
    public const string TemplateSaved = "mail-template.saved";
    public const string TemplateReset = "mail-template.reset";
}
