namespace LibrarianDesk.Shared.Scheduling;

/// <summary>
/// One thing wrong with a weekly schedule: a <see cref="ScheduleValidationException"/> code, the day,
/// and the range (or the two overlapping ranges) to highlight in the editor.
/// </summary>
public sealed record ScheduleProblem(string Code, DayOfWeek Day, IReadOnlyList<OpeningRange> Ranges);
