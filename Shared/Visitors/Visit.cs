namespace LibrarianDesk.Shared.Visitors;

/// <summary>
/// One visit of a browser to the library's site, written once when the visitor has left. Only what the
/// live list shows in aggregate: no address, no page addresses.
/// </summary>
public sealed class Visit
{
    public const int MaxVisitorIdLength = 64;

    public long Id { get; set; }

    /// <summary>The widget's own random id for the browser (the same id conversations record).</summary>
    public string VisitorId { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset EndedAt { get; set; }
    public int PagesViewed { get; set; }

    /// <summary>True when the visitor started a conversation (or answered a greeting) during the visit.</summary>
    public bool ChatStarted { get; set; }

    /// <summary>True when the visitor had been greeted during the visit.</summary>
    public bool Greeted { get; set; }
}
