namespace LibrarianDesk.Features.Scheduling;

/// <summary>Section <c>Desk:ServiceHours</c>.</summary>
public sealed class ServiceHoursOptions
{
    /// <summary>
    /// Open whenever a librarian is Online, whatever the hours and holidays (a desk staffed around the
    /// clock, or trying the chat at night). When true here, the page's switch cannot turn it off.
    /// </summary>
    public bool AlwaysOpen { get; set; }
}
