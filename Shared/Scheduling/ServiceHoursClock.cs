namespace LibrarianDesk.Shared.Scheduling;

/// <summary>
/// Service-time arithmetic over a schedule: how much desk time lies between two instants, and when a
/// given amount of desk time after an instant has run out (a reply target of "24 working hours"
/// excludes nights, closed days and holidays). Pure and immutable, like <see cref="ServiceHours"/>.
/// </summary>
public sealed class ServiceHoursClock
{
    // As in ServiceHours: longer than a year, bounded for a schedule whose every open day is a holiday.
    private const int SearchHorizonDays = 400;

    private readonly ServiceHours _hours;
    private readonly OpeningRange[][] _rangesByDay;
    private readonly HashSet<DateOnly> _holidays;

    /// <exception cref="ScheduleValidationException">When the week is not valid (see <see cref="OpeningRange.Validate"/>).</exception>
    public ServiceHoursClock(IEnumerable<OpeningRange> ranges, IEnumerable<Holiday> holidays)
    {
        var rangeList = ranges.Select(r => new OpeningRange { Day = r.Day, Opens = r.Opens, Closes = r.Closes }).ToList();
        var holidayList = holidays.ToList();
        _hours = new ServiceHours(rangeList, holidayList);
        _rangesByDay = Enum.GetValues<DayOfWeek>()
            .Select(day => rangeList.Where(r => r.Day == day).OrderBy(r => r.Opens).ToArray())
            .ToArray();
        _holidays = holidayList.Select(h => h.Date).ToHashSet();
    }

    /// <summary>The desk time in [<paramref name="from"/>, <paramref name="to"/>); zero when <paramref name="to"/> is not later.</summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to) => _hours.OpenTimeBetween(from, to);

    /// <summary>
    /// The instant (WIB offset) at which <paramref name="serviceTime"/> of desk time has passed since
    /// <paramref name="from"/>: <c>Elapsed(from, result) == serviceTime</c>, and the result is the earliest
    /// such instant (a target that runs out at closing time is due at closing, not at the next opening).
    /// Null when the schedule never provides that much time within the next 400 days.
    /// </summary>
    public DateTimeOffset? DueAt(DateTimeOffset from, TimeSpan serviceTime)
    {
        if (serviceTime <= TimeSpan.Zero)
        {
            return Wib.ToWib(from);
        }

        var remaining = serviceTime;
        var firstDate = DateOnly.FromDateTime(Wib.ToWib(from).DateTime);
        for (var offset = 0; offset <= SearchHorizonDays; offset++)
        {
            var date = firstDate.AddDays(offset);
            if (_holidays.Contains(date))
            {
                continue;
            }

            foreach (var range in _rangesByDay[(int)date.DayOfWeek])
            {
                var opens = Wib.At(date, range.Opens);
                var start = opens > from ? opens : from;
                var available = Wib.At(date, range.Closes) - start;
                if (available <= TimeSpan.Zero)
                {
                    continue;
                }

                if (remaining <= available)
                {
                    return Wib.ToWib(start + remaining);
                }

                remaining -= available;
            }
        }

        return null;
    }
}
