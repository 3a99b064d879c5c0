namespace LibrarianDesk.Shared.Auditing;

/// <summary>Who did what, when: written for every change to accounts, blocks, settings and every look-up of member data.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The acting account's user id; null when the desk itself acted (start-up, background work).</summary>
    public string? ActorId { get; set; }

    public string ActorName { get; set; } = "";

    /// <summary>A stable code such as <c>account.created</c>; see <see cref="AuditActions"/>.</summary>
    public string Action { get; set; } = "";

    public string? Target { get; set; }
    public string? Details { get; set; }
}
