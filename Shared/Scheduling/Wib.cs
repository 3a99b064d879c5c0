namespace LibrarianDesk.Shared.Scheduling;

/// <summary>
/// Western Indonesia Time (Asia/Jakarta), the desk's only time zone. Service hours and holidays
/// are wall-clock rules, so instants are converted here before any day or time-of-day is read.
/// </summary>
public static class Wib
{
    public static TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");

    /// <summary>The same instant, expressed with the WIB offset.</summary>
    public static DateTimeOffset ToWib(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    /// <summary>The instant at which WIB wall clocks show <paramref name="time"/> on <paramref name="date"/>.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var wallClock = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(wallClock, TimeZone.GetUtcOffset(wallClock));
    }
}
