namespace LibrarianDesk.Shared.Scheduling;

/// <summary>A schedule the desk cannot run on. <see cref="Code"/> is stable; the UI localises it.</summary>
public sealed class ScheduleValidationException : Exception
{
    public const string RangeEndsBeforeStart = "range_ends_before_start";
    public const string RangesOverlap = "ranges_overlap";

    public ScheduleValidationException(string code)
        : base(code) => Code = code;

    public ScheduleValidationException()
        : this("unknown")
    {
    }

    public ScheduleValidationException(string message, Exception innerException)
        : base(message, innerException) => Code = message;

    public string Code { get; }
}
