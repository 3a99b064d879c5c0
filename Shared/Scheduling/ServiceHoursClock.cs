namespace LibrarianDesk.Shared.Scheduling;

/// <summary>
/// Service-time arithmetic over a schedule: how much desk time lies between two instants, and when a
/// given amount of desk time after an instant has run out (a reply target of "24 working hours"
/// excludes nights, closed days and holidays). A view of <see cref="ServiceHours"/>, which holds the schedule.
/// </summary>
public sealed class ServiceHoursClock(ServiceHours hours)
{
    /// <exception cref="ScheduleValidationException">When the week is not valid (see <see cref="OpeningRange.Validate"/>).</exception>
    public ServiceHoursClock(IEnumerable<OpeningRange> ranges, IEnumerable<Holiday> holidays)
        : this(new ServiceHours(ranges, holidays))
    {
    }

    /// <summary>The desk time in [<paramref name="from"/>, <paramref name="to"/>); zero when <paramref name="to"/> is not later.</summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to) => hours.OpenTimeBetween(from, to);

    /// <summary>See <see cref="ServiceHours.DueAt"/>: <c>Elapsed(from, result) == serviceTime</c>.</summary>
    public DateTimeOffset? DueAt(DateTimeOffset from, TimeSpan serviceTime) => hours.DueAt(from, serviceTime);
}
