using System.Globalization;
using LibrarianDesk.Bench.Measuring;
using LibrarianDesk.Features.Analytics;
using LibrarianDesk.Shared.Scheduling;
using Microsoft.Data.Sqlite;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// The analytics report (<see cref="AnalyticsService.GetReportAsync(LibrarianDesk.Data.DeskDbContext, AnalyticsQuery, DateTimeOffset, CancellationToken)"/>)
/// for the last 30 and 365 WIB days, against the KPI cards as a DBA would write them: for the period and
/// for the one before it (each card is compared with it), one aggregate, then the medians and the 90th
/// percentile by ORDER BY … LIMIT 2 OFFSET on the stored metric columns (definitions: docs/metrics.md).
/// The desk builds the whole report (the cards, days, heat map, distributions, librarians); the SQL side
/// only the cards, so the ratio is an upper bound of the desk's overhead.
/// </summary>
public sealed class AnalyticsMeasurement : IDataScaleMeasurement
{
    public string Name => "analytics report (KPI cards)";

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
            Kpis raw = default!;
            Kpis rawPrevious = default!;
            var sql = await Timed.MedianAsync(context.Size.Repeats, async () =>
            {
                raw = await RawKpisAsync(context.Desk.DatabasePath, query.Start.ToUnixTimeMilliseconds(), query.End.ToUnixTimeMilliseconds(), cancellationToken);
                rawPrevious = await RawKpisAsync(context.Desk.DatabasePath, query.PreviousStart.ToUnixTimeMilliseconds(), query.Start.ToUnixTimeMilliseconds(), cancellationToken);
            });
            var current = report.Current;
            var same = Same(current, raw) && Same(report.Previous, rawPrevious);
            context.SameAnswer($"analytics {days} days: same KPI cards as the SQL (period and the one before)", same && raw.Conversations > 0, string.Create(CultureInfo.InvariantCulture,
                $"desk {current.Conversations} conversations, {current.Answered} answered, {current.Missed} missed, wait p50/p90 {current.MedianWaitSeconds:0.###}/{current.P90WaitSeconds:0.###} s, first response p50 {current.MedianFirstResponseSeconds:0.###} s, duration p50 {current.MedianDurationSeconds:0.###} s, rating {current.AverageRating:0.####} ({current.Ratings}); "
                + $"SQL {raw.Conversations}, {raw.Answered}, {raw.Missed}, {raw.MedianWait:0.###}/{raw.P90Wait:0.###}, {raw.MedianFirstResponse:0.###}, {raw.MedianDuration:0.###}, {raw.AverageRating:0.####} ({raw.Ratings})"));
            results.Add(new DataScaleResult(string.Create(CultureInfo.InvariantCulture, $"{context.Size.Conversations:N0} conversations, last {days} days ({raw.Conversations:N0} in period)"), desk, sql));
        }

        return results;
    }

    private static bool Same(KpiSet desk, Kpis sql) =>
        desk.Conversations == sql.Conversations && desk.Answered == sql.Answered && desk.Missed == sql.Missed
        && desk.Ratings == sql.Ratings && desk.VerifiedMembers == sql.Verified
        && Close(desk.AverageRating, sql.AverageRating) && Close(desk.MedianWaitSeconds, sql.MedianWait)
        && Close(desk.P90WaitSeconds, sql.P90Wait) && Close(desk.MedianFirstResponseSeconds, sql.MedianFirstResponse)
        && Close(desk.MedianDurationSeconds, sql.MedianDuration);

    private static bool Close(double? a, double? b) => a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) < 1e-6;

    private sealed record Kpis(int Conversations, int Answered, int Missed, double? AverageRating, int Ratings, int Verified,
        double? MedianWait, double? P90Wait, double? MedianFirstResponse, double? MedianDuration);

    private static async Task<Kpis> RawKpisAsync(string databasePath, long from, long to, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true }.ToString());
        await connection.OpenAsync(cancellationToken);
        const string Period = "StartedAt >= $from AND StartedAt < $to";

        int conversations, answered, missed, ratings, verified;
        double? rating;
        long waits, firsts, durations;
        await using (var counts = connection.CreateCommand())
        {
            counts.CommandText = $"""
                SELECT COUNT(*), SUM(FirstResponseAt IS NOT NULL), SUM(FirstResponseAt IS NULL AND Status IN (2, 3)),
                       AVG(Rating), COUNT(Rating), SUM(Membership = 1), COUNT(WaitSeconds), COUNT(FirstResponseSeconds), COUNT(DurationSeconds)
                FROM Conversations WHERE {Period}
                """;
            counts.Parameters.AddWithValue("$from", from);
            counts.Parameters.AddWithValue("$to", to);
            await using var reader = await counts.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            conversations = reader.GetInt32(0);
            answered = reader.IsDBNull(1) ? 0 : reader.GetInt32(1);
            missed = reader.IsDBNull(2) ? 0 : reader.GetInt32(2);
            rating = reader.IsDBNull(3) ? null : reader.GetDouble(3);
            ratings = reader.GetInt32(4);
            verified = reader.IsDBNull(5) ? 0 : reader.GetInt32(5);
            (waits, firsts, durations) = (reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8));
        }

        // percentile_cont: rank (n − 1) × p, interpolated between it and the next rank.
        (string Column, long N, int Percent)[] wanted = [("WaitSeconds", waits, 50), ("WaitSeconds", waits, 90), ("FirstResponseSeconds", firsts, 50), ("DurationSeconds", durations, 50)];
        await using var percentiles = connection.CreateCommand();
        percentiles.CommandText = string.Join("\nUNION ALL\n", wanted.Select((w, i) => string.Create(CultureInfo.InvariantCulture,
            $"SELECT {i}, x FROM (SELECT {w.Column} AS x FROM Conversations WHERE {Period} AND {w.Column} IS NOT NULL ORDER BY x LIMIT 2 OFFSET {Math.Max(0, (w.N - 1) * w.Percent / 100)})")));
        percentiles.Parameters.AddWithValue("$from", from);
        percentiles.Parameters.AddWithValue("$to", to);
        var values = wanted.Select(_ => new List<double>()).ToArray();
        await using (var reader = await percentiles.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                values[reader.GetInt32(0)].Add(reader.GetDouble(1));
            }
        }

        double? Percentile(int i)
        {
            var (_, n, percent) = wanted[i];
            if (n == 0)
            {
                return null;
            }

            var weight = (n - 1) * percent % 100;
            var lower = values[i][0];
            return weight == 0 ? lower : (lower * (100 - weight) / 100.0) + (values[i][1] * weight / 100.0);
        }

        return new Kpis(conversations, answered, missed, rating, ratings, verified, Percentile(0), Percentile(1), Percentile(2), Percentile(3));
    }
}
