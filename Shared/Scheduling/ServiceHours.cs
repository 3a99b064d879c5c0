using System.Collections.Frozen;

namespace LibrarianDesk.Shared.Scheduling;

/// <summary>
/// When the desk is staffed: a weekly schedule of WIB opening ranges, minus holidays, which close
/// the whole WIB day. Immutable — it copies what it needs, so later edits to the entities passed in
/// do not change it. Instants may carry any offset; they are read as WIB wall-clock time.
/// </summary>
public sealed class ServiceHours
{
    // Longer than a year, so a full annual holiday list can never hide the next opening, yet bounded
    // for a schedule whose every open day is a holiday.
    private const int SearchHorizonDays = 400;

    private static readonly ClosedReason NoScheduleReason = new ClosedReason.NoSchedule();
    private static readonly ClosedReason OutsideHoursReason = new ClosedReason.OutsideHours();

    private readonly Period[][] _periodsByDay;
    private readonly FrozenDictionary<DateOnly, ClosedReason.Holiday> _holidays;
    private readonly bool _hasAnyPeriod;

    /// <exception cref="ScheduleValidationException">
    /// When <see cref="OpeningRange.Validate"/> finds a problem; <see cref="ScheduleValidationException.Code"/> is the first one's.
    /// </exception>
    public ServiceHours(IEnumerable<OpeningRange> ranges, IEnumerable<Holiday> holidays)
    {
        var rangeList = ranges.ToList();
        var problems = OpeningRange.Validate(rangeList);
        if (problems.Count > 0)
        {
            throw new ScheduleValidationException(problems[0].Code);
        }

        _periodsByDay = Enum.GetValues<DayOfWeek>()
            .Select(day => MergeTouching(rangeList.Where(r => r.Day == day)))
            .ToArray();
        _hasAnyPeriod = _periodsByDay.Any(periods => periods.Length > 0);

        // The database keeps holiday dates unique; if a caller passes two anyway, the first names the day.
        var byDate = new Dictionary<DateOnly, ClosedReason.Holiday>();
        foreach (var holiday in holidays)
        {
            byDate.TryAdd(holiday.Date, new ClosedReason.Holiday(holiday.Name, holiday.Kind));
        }

        _holidays = byDate.ToFrozenDictionary();
    }

    public bool IsOpen(DateTimeOffset instant) => WhyClosed(instant) is null;

    /// <summary>
    /// Null when the desk is open at <paramref name="instant"/>. Otherwise the reason, checked in this
    /// order: <see cref="ClosedReason.NoSchedule"/>, then <see cref="ClosedReason.Holiday"/> (even on a
    /// day without opening ranges, since the holiday's name tells the patron more), then
    /// <see cref="ClosedReason.OutsideHours"/>.
    /// </summary>
    public ClosedReason? WhyClosed(DateTimeOffset instant)
    {
        if (!_hasAnyPeriod)
        {
            return NoScheduleReason;
        }

        var (date, time) = WallClock(instant);
        if (_holidays.TryGetValue(date, out var holiday))
        {
            return holiday;
        }

        return PeriodsOn(date).Any(p => p.Opens <= time && time < p.Closes) ? null : OutsideHoursReason;
    }

    /// <summary>
    /// The next moment the desk opens: the earliest instant at or after <paramref name="instant"/> at
    /// which it goes from closed to open. When the desk is already open (and <paramref name="instant"/>
    /// is not exactly the opening moment), that is the opening after the current period ends — never a
    /// time in the past. The result carries the WIB offset. Null when the schedule has no ranges, or
    /// when no opening falls within the next 400 days.
    /// </summary>
    public DateTimeOffset? NextOpening(DateTimeOffset instant)
    {
        if (!_hasAnyPeriod)
        {
            return null;
        }

        var (today, now) = WallClock(instant);
        for (var offset = 0; offset <= SearchHorizonDays; offset++)
        {
            var date = today.AddDays(offset);
            if (_holidays.ContainsKey(date))
            {
                continue;
            }

            foreach (var period in PeriodsOn(date))
            {
                if (offset > 0 || period.Opens >= now)
                {
                    return Wib.At(date, period.Opens);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// How much of [<paramref name="from"/>, <paramref name="to"/>) the desk is open, for metrics
    /// measured in service hours. Zero when <paramref name="to"/> is not after <paramref name="from"/>.
    /// </summary>
    public TimeSpan OpenTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        var lastDate = WallClock(to).Date;
        for (var date = WallClock(from).Date; date <= lastDate; date = date.AddDays(1))
        {
            if (_holidays.ContainsKey(date))
            {
                continue;
            }

            foreach (var period in PeriodsOn(date))
            {
                var start = Max(Wib.At(date, period.Opens), from);
                var end = Min(Wib.At(date, period.Closes), to);
                if (end > start)
                {
                    total += end - start;
                }
            }
        }

        return total;
    }

    /// <summary>
    /// The instant (WIB offset) at which <paramref name="serviceTime"/> of open time has passed since
    /// <paramref name="from"/>: the earliest instant with that much open time behind it (a target that
    /// runs out at closing time is due at closing, not at the next opening). Null when the schedule
    /// never provides that much time within the search horizon.
    /// </summary>
    public DateTimeOffset? DueAt(DateTimeOffset from, TimeSpan serviceTime)
    {
        if (serviceTime <= TimeSpan.Zero)
        {
            return Wib.ToWib(from);
        }

        var remaining = serviceTime;
        var firstDate = WallClock(from).Date;
        for (var offset = 0; offset <= SearchHorizonDays; offset++)
        {
            var date = firstDate.AddDays(offset);
            if (_holidays.ContainsKey(date))
            {
                continue;
            }

            foreach (var period in PeriodsOn(date))
            {
                var start = Max(Wib.At(date, period.Opens), from);
                var available = Wib.At(date, period.Closes) - start;
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

    private Period[] PeriodsOn(DateOnly date) => _periodsByDay[(int)date.DayOfWeek];

    private static (DateOnly Date, TimeOnly Time) WallClock(DateTimeOffset instant)
    {
        var local = Wib.ToWib(instant).DateTime;
        return (DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }

    // Validation has ruled out overlaps, but 09:00–12:00 and 12:00–15:00 are one stretch of opening:
    // merged, the desk does not appear to "open" again at 12:00.
    private static Period[] MergeTouching(IEnumerable<OpeningRange> ranges)
    {
        var merged = new List<Period>();
        foreach (var range in ranges.OrderBy(r => r.Opens))
        {
            if (merged.Count > 0 && merged[^1].Closes == range.Opens)
            {
                merged[^1] = merged[^1] with { Closes = range.Closes };
            }
            else
            {
                merged.Add(new Period(range.Opens, range.Closes));
            }
        }

        return [.. merged];
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private readonly record struct Period(TimeOnly Opens, TimeOnly Closes);
}
