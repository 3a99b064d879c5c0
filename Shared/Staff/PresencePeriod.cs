namespace LibrarianDesk.Shared.Staff;

/// <summary>
/// A stretch of time a librarian spent in one presence other than Offline, for "hours Online" in the
/// analytics. Opened when the presence changes to it, ended (<see cref="EndedAt"/>) by the next change.
/// </summary>
public sealed class PresencePeriod
{
    public long Id { get; set; }
    public string LibrarianId { get; set; } = "";
    public Presence Presence { get; set; }
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Null while the librarian is still in this presence.</summary>
    public DateTimeOffset? EndedAt { get; set; }
}
