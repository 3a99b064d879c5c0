namespace LibrarianDesk.Shared.OfflineMessages;

/// <summary>Audit actions of the offline inbox (kept with the feature; see <c>AuditActions</c> for the rest).</summary>
public static class OfflineAuditActions
{
    public const string Replied = "offline.replied";
    public const string Closed = "offline.closed";
}
