using System.Globalization;
using LibrarianDesk.Bench.Measuring;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Analytics;
using LibrarianDesk.Shared.Scheduling;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// The whole analytics page (<see cref="AnalyticsService.GetReportAsync(LibrarianDesk.Data.DeskDbContext, AnalyticsQuery, DateTimeOffset, CancellationToken)"/>)
/// for the last 30 and 365 WIB days, all filters off, wall clock, against the same page as a DBA would
/// write it in SQLite SQL with raw Microsoft.Data.Sqlite (<see cref="HandWrittenAnalytics"/>, one read
/// transaction, six statements): the KPI cards of the period and of the one before it as one aggregate
/// per period with the offline messages; the conversations per WIB hour, summed into the day series and
/// the heat map; the question types, counted then named; the three distributions in one statement; the
/// per-librarian table with its Online time; then every median and p90 of the page (both periods' cards
/// and each librarian's) in one statement of <c>ORDER BY … LIMIT 1–2 OFFSET</c> subqueries, sorted from
/// the nearer end. On PostgreSQL the same page is <see cref="PostgreSqlHandWrittenAnalytics"/>. Every
/// part is checked equal (<see cref="AnalyticsReportComparison"/>). Until
/// 2026-12-03 the SQL side computed only the KPI cards, so the ratio then overstated the desk's overhead.
/// </summary>
public sealed class AnalyticsMeasurement : IDataScaleMeasurement
{
    public string Name => "analytics report (whole page)";

    public async Task<IReadOnlyList<DataScaleResult>> MeasureAsync(DataScaleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(Wib.ToWib(now).DateTime);
        var results = new List<DataScaleResult>();
        foreach (var days in new[] { 30, 365 })
        {
            var query = new AnalyticsQuery(today.AddDays(1 - days), today);
            AnalyticsReport report = default!;
            var desk = await Timed.MedianAsync(context.Size.Repeats, async () =>
            {
                await using var db = context.Desk.CreateDbContext();
                report = await AnalyticsService.GetReportAsync(db, query, now, cancellationToken);
            });
            HandWrittenReport raw = default!;
            var (from, to, previousFrom) = (query.Start.ToUnixTimeMilliseconds(), query.End.ToUnixTimeMilliseconds(), query.PreviousStart.ToUnixTimeMilliseconds());
            var sql = await Timed.MedianAsync(context.Size.Repeats, async () => raw = context.Desk.Provider == DatabaseProvider.PostgreSql
                ? await PostgreSqlHandWrittenAnalytics.RunAsync(context.Desk.PostgreSqlConnectionString, from, to, previousFrom, now.ToUnixTimeMilliseconds(), cancellationToken)
                : await HandWrittenAnalytics.RunAsync(context.Desk.DatabasePath, from, to, previousFrom, now.ToUnixTimeMilliseconds(), cancellationToken));
            var differences = AnalyticsReportComparison.Differences(report, raw);
            var current = report.Current;
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"desk {current.Conversations} conversations ({report.Previous.Conversations} before), wait p50/p90 {current.MedianWaitSeconds:0.###}/{current.P90WaitSeconds:0.###} s, {report.Days.Count} days, {report.QuestionTypes.Count} question types, {report.Librarians.Count} librarians; "
                + $"SQL {raw.Current.Conversations} ({raw.Previous.Conversations}), {raw.Current.MedianWaitSeconds:0.###}/{raw.Current.P90WaitSeconds:0.###} s, {raw.Days.Count} days with conversations, {raw.QuestionTypes.Count}, {raw.Librarians.Count}");
            context.SameAnswer($"analytics {days} days: same whole page as the SQL (both periods' cards, days, heat map, question types, distributions, librarians)",
                differences.Count == 0 && raw.Current.Conversations > 0,
                differences.Count == 0 ? detail : detail + "; differ: " + string.Join(", ", differences.Take(5)));
            results.Add(new DataScaleResult(string.Create(CultureInfo.InvariantCulture, $"{context.Size.Conversations:N0} conversations, last {days} days ({raw.Current.Conversations:N0} in period)"), desk, sql));
        }

        return results;
    }
}
