using System.Globalization;
using LibrarianDesk.Shared.Scheduling;

namespace LibrarianDesk.Tests.Scheduling;

/// <summary>The seeded 2026 desk and WIB instants written the way a person reads them.</summary>
internal static class Desk
{
    private static readonly TimeSpan WibOffset = TimeSpan.FromHours(7);

    public static ServiceHours Seeded2026() =>
        new(DefaultServiceHours.WeeklyRanges(), DefaultServiceHours.Holidays2026());

    /// <summary>"2026-03-06 18:59:59" as a WIB instant, built without <see cref="LibrarianDesk.Shared.Scheduling.Wib"/> so that class is tested independently.</summary>
    public static DateTimeOffset Wib(string wallClock) =>
        new(DateTime.ParseExact(wallClock, ["yyyy-MM-dd HH:mm:ss.fff", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture), WibOffset);
}
