namespace LibrarianDesk.Shared.Scheduling;

/// <summary>
/// One staffed period on a weekday, in WIB, covering [<see cref="Opens"/>, <see cref="Closes"/>).
/// A period cannot run past midnight. Administrators edit these rows, so the setters are public and
/// a whole week is checked with <see cref="Validate"/> before it is saved.
/// </summary>
public sealed class OpeningRange
{
    public int Id { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly Opens { get; set; }
    public TimeOnly Closes { get; set; }

    /// <exception cref="ScheduleValidationException">When <paramref name="closes"/> is not after <paramref name="opens"/>.</exception>
    public static OpeningRange Create(DayOfWeek day, TimeOnly opens, TimeOnly closes)
    {
        if (closes <= opens)
        {
            throw new ScheduleValidationException(ScheduleValidationException.RangeEndsBeforeStart);
        }

        return new OpeningRange { Day = day, Opens = opens, Closes = closes };
    }

    /// <summary>
    /// Every problem in a weekly schedule: ranges that close at or before they open, and ranges on the
    /// same day that overlap. Ranges that merely touch (one closes as the next opens) are fine.
    /// </summary>
    public static IReadOnlyList<ScheduleProblem> Validate(IEnumerable<OpeningRange> ranges)
    {
        var all = ranges.ToList();
        var problems = all
            .Where(r => r.Closes <= r.Opens)
            .Select(r => new ScheduleProblem(ScheduleValidationException.RangeEndsBeforeStart, r.Day, [r]))
            .ToList();

        // A backwards range has no sensible extent, so it is reported once above and not compared.
        foreach (var day in all.Where(r => r.Closes > r.Opens).GroupBy(r => r.Day))
        {
            OpeningRange? latestClosing = null;
            foreach (var range in day.OrderBy(r => r.Opens))
            {
                if (latestClosing is not null && range.Opens < latestClosing.Closes)
                {
                    problems.Add(new ScheduleProblem(ScheduleValidationException.RangesOverlap, day.Key, [latestClosing, range]));
                }

                if (latestClosing is null || range.Closes > latestClosing.Closes)
                {
                    latestClosing = range;
                }
            }
        }

        return problems;
    }
}
