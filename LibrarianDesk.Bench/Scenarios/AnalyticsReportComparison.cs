using System.Globalization;
using LibrarianDesk.Features.Analytics;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// Every part of the desk's analytics report against <see cref="HandWrittenAnalytics"/>: counts exactly,
/// times, averages and Online seconds within 10⁻⁶. A day, heat cell or value the SQL does not return
/// must be zero on the desk, and every one it returns must be on the desk.
/// </summary>
public static class AnalyticsReportComparison
{
    private const double Tolerance = 1e-6;
    private static readonly int UnixEpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>The parts that differ, named; empty when the answers are the same.</summary>
    public static IReadOnlyList<string> Differences(AnalyticsReport desk, HandWrittenReport sql)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(sql);
        var differences = new List<string>();
        void Expect(bool same, string part)
        {
            if (!same)
            {
                differences.Add(part);
            }
        }

        Expect(Same(desk.Current, sql.Current), "KPI cards of the period");
        Expect(Same(desk.Previous, sql.Previous), "KPI cards of the previous period");

        var days = desk.Days.ToDictionary(d => (long)(d.Day.DayNumber - UnixEpochDayNumber));
        Expect(sql.Days.Keys.All(days.ContainsKey), "days: the SQL has a day outside the desk's series");
        foreach (var (number, day) in days)
        {
            var expected = sql.Days.GetValueOrDefault(number, new DayCounts(0, 0, 0));
            Expect(day.Conversations == expected.Conversations && day.Answered == expected.Answered && day.Missed == expected.Missed,
                string.Create(CultureInfo.InvariantCulture, $"day {day.Day:yyyy-MM-dd}"));
        }

        var cells = desk.HeatMap.ToDictionary(c => (c.Day, c.Hour), c => c.Conversations);
        Expect(cells.Count == 7 * 24 && sql.HeatMap.Keys.All(cells.ContainsKey), "heat map: not every weekday × hour, or the SQL has another");
        foreach (var ((day, hour), count) in cells)
        {
            Expect(count == sql.HeatMap.GetValueOrDefault((day, hour)), string.Create(CultureInfo.InvariantCulture, $"heat cell {day} {hour}h"));
        }

        Expect(desk.QuestionTypes.SequenceEqual(sql.QuestionTypes), "question types");
        Expect(Same(desk.ReadScale, sql.Distributions.ReadScale), "READ scale");
        Expect(Same(desk.WaitBuckets, sql.Distributions.WaitBuckets), "wait times");
        Expect(Same(desk.Ratings, sql.Distributions.Ratings), "ratings");

        Expect(desk.Librarians.Count == sql.Librarians.Count, "number of librarians");
        foreach (var (mine, theirs) in desk.Librarians.Zip(sql.Librarians))
        {
            Expect(Same(mine, theirs), "librarian " + mine.DisplayName);
        }

        return differences;
    }

    private static bool Same(KpiSet desk, KpiSet sql) =>
        desk.Conversations == sql.Conversations && desk.Answered == sql.Answered && desk.Missed == sql.Missed
        && desk.OfflineMessages == sql.OfflineMessages && desk.Ratings == sql.Ratings && desk.VerifiedMembers == sql.VerifiedMembers
        && desk.Unclassified == sql.Unclassified
        && Close(desk.AverageRating, sql.AverageRating) && Close(desk.MedianWaitSeconds, sql.MedianWaitSeconds)
        && Close(desk.P90WaitSeconds, sql.P90WaitSeconds) && Close(desk.MedianFirstResponseSeconds, sql.MedianFirstResponseSeconds)
        && Close(desk.MedianDurationSeconds, sql.MedianDurationSeconds);

    private static bool Same(LibrarianPerformance desk, LibrarianPerformance sql) =>
        desk.LibrarianId == sql.LibrarianId && desk.DisplayName == sql.DisplayName
        && desk.Conversations == sql.Conversations && desk.Answered == sql.Answered && desk.Ratings == sql.Ratings
        && Close(desk.MedianFirstResponseSeconds, sql.MedianFirstResponseSeconds) && Close(desk.MedianDurationSeconds, sql.MedianDurationSeconds)
        && Close(desk.AverageRating, sql.AverageRating) && Close(desk.OnlineSeconds, sql.OnlineSeconds);

    private static bool Same(IReadOnlyList<ValueCount> desk, IReadOnlyDictionary<int, int> sql) =>
        sql.Keys.All(v => desk.Any(d => d.Value == v)) && desk.All(d => d.Count == sql.GetValueOrDefault(d.Value));

    private static bool Close(double? a, double? b) => a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) < Tolerance;
}
