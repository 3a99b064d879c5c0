using LibrarianDesk.Features.Scheduling;
using LibrarianDesk.Shared.Reporting;

namespace LibrarianDesk.Features.Conversations;

public static class MetricClocks
{
    /// <summary>The clock a conversation's metrics are measured with: the desk's service hours as they are now.</summary>
    public static async Task<MetricClock> MetricClockAsync(this ServiceHoursStore serviceHours)
    {
        ArgumentNullException.ThrowIfNull(serviceHours);
        return new MetricClock((await serviceHours.GetAsync()).Hours);
    }
}
