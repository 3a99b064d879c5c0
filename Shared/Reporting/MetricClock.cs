using LibrarianDesk.Shared.Scheduling;

namespace LibrarianDesk.Shared.Reporting;

/// <summary>
/// Measures the time between two events of a conversation in wall-clock seconds and in service-hours
/// seconds (nights, closed days and holidays of the weekly schedule left out), at the millisecond
/// precision the database keeps.
/// </summary>
public sealed class MetricClock(ServiceHours serviceHours)
{
    public ElapsedTime Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return ElapsedTime.Zero;
        }

        return new ElapsedTime(Seconds(to - from), Seconds(serviceHours.OpenTimeBetween(from, to)));
    }

    private static double Seconds(TimeSpan span) => Math.Round(span.TotalMilliseconds) / 1000.0;
}
