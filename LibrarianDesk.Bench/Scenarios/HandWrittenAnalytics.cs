using System.Globalization;
using LibrarianDesk.Features.Analytics;
using Microsoft.Data.Sqlite;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// The whole analytics page for one period, all filters off, wall clock, as a DBA would write it in
/// SQLite SQL over the stored metric columns (definitions: docs/metrics.md): the baseline of
/// <see cref="AnalyticsMeasurement"/>. Raw <see cref="SqliteConnection"/>, one read transaction, six
/// statements; days, heat cells and distribution values that have no conversation are simply absent.
/// </summary>
public sealed class HandWrittenAnalytics
{
    private const string Period = "StartedAt >= $from AND StartedAt < $to";
    private const string Missed = "FirstResponseAt IS NULL AND Status IN (2, 3)";

    // WIB is UTC+7 all year: a WIB day or hour is integer arithmetic on the stored UTC milliseconds.
    private const string WibMs = "(StartedAt + 25200000)";

    private readonly SqliteConnection connection;
    private readonly Dictionary<string, object> parameters;

    private HandWrittenAnalytics(SqliteConnection connection, long from, long to, long previousFrom, long now)
    {
        this.connection = connection;
        parameters = new Dictionary<string, object> { ["$from"] = from, ["$to"] = to, ["$previousFrom"] = previousFrom, ["$now"] = now };
    }

    /// <summary>
    /// The page for [<paramref name="from"/>, <paramref name="to"/>) and the cards of the period before it
    /// (from <paramref name="previousFrom"/>), UTC milliseconds; <paramref name="now"/> ends presence still open.
    /// </summary>
    public static async Task<HandWrittenReport> RunAsync(string databasePath, long from, long to, long previousFrom, long now, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        var sql = new HandWrittenAnalytics(connection, from, to, previousFrom, now);
        var counts = await sql.KpiCountsAsync(cancellationToken);
        var librarians = await sql.LibrariansAsync(cancellationToken);

        // Every median and p90 of the page in one statement, now that the counts give their ranks.
        var percentiles = new List<Percentile>();
        foreach (var (current, where) in new[] { (true, Period), (false, "StartedAt >= $previousFrom AND StartedAt < $from") })
        {
            var c = counts[current];
            percentiles.Add(new Percentile(where, "WaitSeconds", c.Waits, 50));
            percentiles.Add(new Percentile(where, "WaitSeconds", c.Waits, 90));
            percentiles.Add(new Percentile(where, "FirstResponseSeconds", c.FirstResponses, 50));
            percentiles.Add(new Percentile(where, "DurationSeconds", c.Durations, 50));
        }

        for (var i = 0; i < librarians.Count; i++)
        {
            sql.parameters[string.Create(CultureInfo.InvariantCulture, $"$owner{i}")] = librarians[i].Id;
            var owned = string.Create(CultureInfo.InvariantCulture, $"{Period} AND OwnerId = $owner{i}");
            percentiles.Add(new Percentile(owned, "FirstResponseSeconds", librarians[i].FirstResponses, 50));
            percentiles.Add(new Percentile(owned, "DurationSeconds", librarians[i].Durations, 50));
        }

        var values = await sql.PercentilesAsync(percentiles, cancellationToken);
        var hours = await sql.HoursAsync(cancellationToken);
        KpiSet Cards(bool current, int first)
        {
            var c = counts[current];
            return new KpiSet(c.Conversations, c.Answered, c.Missed, c.OfflineMessages, values[first], values[first + 1], values[first + 2], values[first + 3],
                c.AverageRating, c.Ratings, c.Verified, c.Unclassified);
        }

        return HandWrittenReport.From(
            Cards(current: true, 0),
            Cards(current: false, 4),
            hours,
            await sql.QuestionTypesAsync(cancellationToken),
            await sql.DistributionsAsync(cancellationToken),
            librarians.Select((l, i) => new LibrarianPerformance(l.Id, l.Name, l.Conversations, l.Answered, values[8 + (2 * i)], values[9 + (2 * i)], l.AverageRating, l.Ratings, l.OnlineSeconds)).ToList());
    }

    private async Task<Dictionary<bool, PeriodCounts>> KpiCountsAsync(CancellationToken cancellationToken)
    {
        static string For(int current, string lower, string upper) => $"""
            SELECT {current}, COUNT(*), COUNT(FirstResponseAt), SUM({Missed}), AVG(Rating), COUNT(Rating), SUM(Membership = 1),
                   COUNT(WaitSeconds), COUNT(FirstResponseSeconds), COUNT(DurationSeconds),
                   (SELECT COUNT(*) FROM OfflineMessages WHERE ReceivedAt >= {lower} AND ReceivedAt < {upper}),
                   SUM(ReadScale IS NULL AND (Status = 2 OR (Status = 3 AND FollowedUpAt IS NOT NULL)))
            FROM Conversations WHERE StartedAt >= {lower} AND StartedAt < {upper}
            """;
        var rows = new Dictionary<bool, PeriodCounts>();
        await ReadAsync(For(1, "$from", "$to") + "\nUNION ALL\n" + For(0, "$previousFrom", "$from"), r => rows[r.GetInt32(0) == 1] = new PeriodCounts(
            r.GetInt32(1), r.GetInt32(2), IntOrZero(r, 3), DoubleOrNull(r, 4), r.GetInt32(5), IntOrZero(r, 6), r.GetInt32(7), r.GetInt32(8), r.GetInt32(9), r.GetInt32(10), IntOrZero(r, 11)), cancellationToken);
        return rows;
    }

    private async Task<List<LibrarianCounts>> LibrariansAsync(CancellationToken cancellationToken)
    {
        var rows = new List<LibrarianCounts>();
        await ReadAsync($"""
            WITH owned AS (
                SELECT OwnerId, COUNT(*) AS n, COUNT(FirstResponseAt) AS answered, AVG(Rating) AS rating, COUNT(Rating) AS ratings,
                       COUNT(FirstResponseSeconds) AS firsts, COUNT(DurationSeconds) AS durations
                FROM Conversations WHERE {Period} AND OwnerId IS NOT NULL GROUP BY OwnerId),
            online AS (
                SELECT LibrarianId, SUM(MIN(COALESCE(EndedAt, $now), $to) - MAX(StartedAt, $from)) / 1000.0 AS seconds
                FROM PresencePeriods WHERE Presence = 1 AND StartedAt < $to AND COALESCE(EndedAt, $now) > $from GROUP BY LibrarianId)
            SELECT u.Id, u.DisplayName, COALESCE(o.n, 0), COALESCE(o.answered, 0), o.rating, COALESCE(o.ratings, 0),
                   COALESCE(p.seconds, 0), COALESCE(o.firsts, 0), COALESCE(o.durations, 0)
            FROM AspNetUsers AS u LEFT JOIN owned AS o ON o.OwnerId = u.Id LEFT JOIN online AS p ON p.LibrarianId = u.Id
            WHERE o.OwnerId IS NOT NULL OR p.LibrarianId IS NOT NULL
            ORDER BY COALESCE(o.n, 0) DESC, u.DisplayName
            """,
            r => rows.Add(new LibrarianCounts(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), DoubleOrNull(r, 4), r.GetInt32(5), r.GetDouble(6), r.GetInt32(7), r.GetInt32(8))),
            cancellationToken);
        return rows;
    }

    /// <summary>
    /// percentile_cont: rank h = (n − 1)·p, interpolated between it and the next rank. Each subquery
    /// sorts from the nearer end (the p90 from the top), so SQLite keeps the fewest rows in its sort.
    /// </summary>
    private async Task<double?[]> PercentilesAsync(List<Percentile> wanted, CancellationToken cancellationToken)
    {
        var ranks = wanted.Select(w =>
        {
            var rank = w.Count == 0 ? 0 : (w.Count - 1) * w.Percent / 100;
            var weight = w.Count == 0 ? 0 : (w.Count - 1) * w.Percent % 100;
            var neighbours = weight == 0 ? 1 : 2;
            var fromTop = w.Percent > 50;
            return (Rank: rank, Weight: weight, Neighbours: neighbours, FromTop: fromTop, Offset: fromTop ? w.Count - rank - neighbours : rank);
        }).ToList();
        var subqueries = wanted.Select((w, i) => (w, i)).Where(x => x.w.Count > 0).Select(x => string.Create(CultureInfo.InvariantCulture,
            $"SELECT {x.i}, v FROM (SELECT {x.w.Column} AS v FROM Conversations WHERE {x.w.Where} AND {x.w.Column} IS NOT NULL ORDER BY v{(ranks[x.i].FromTop ? " DESC" : "")} LIMIT {ranks[x.i].Neighbours} OFFSET {ranks[x.i].Offset})")).ToList();
        var values = wanted.Select(_ => new List<double>()).ToArray();
        if (subqueries.Count > 0)
        {
            await ReadAsync(string.Join("\nUNION ALL\n", subqueries), r => values[r.GetInt32(0)].Add(r.GetDouble(1)), cancellationToken);
        }

        return values.Select((v, i) => v.Count == 0 ? (double?)null : (v.Min() * (100 - ranks[i].Weight) / 100.0) + (v.Max() * ranks[i].Weight / 100.0)).ToArray();
    }

    /// <summary>Conversations per WIB hour, hours since 1 January 1970: the day series and the heat map are sums of these.</summary>
    private async Task<List<HourCounts>> HoursAsync(CancellationToken cancellationToken)
    {
        var hours = new List<HourCounts>();
        await ReadAsync($"""
            SELECT {WibMs} / 3600000 AS hour, COUNT(*), COUNT(FirstResponseAt), SUM({Missed})
            FROM Conversations WHERE {Period} GROUP BY hour
            """,
            r => hours.Add(new HourCounts(r.GetInt64(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3))),
            cancellationToken);
        return hours;
    }

    private async Task<IReadOnlyList<QuestionTypeCount>> QuestionTypesAsync(CancellationToken cancellationToken)
    {
        var types = new List<QuestionTypeCount>();
        await ReadAsync($"""
            SELECT t.QuestionTypeId, q.NameId, q.NameEn, t.n
            FROM (SELECT QuestionTypeId, COUNT(*) AS n FROM Conversations WHERE {Period} AND ReadScale IS NOT NULL GROUP BY QuestionTypeId) AS t
            LEFT JOIN QuestionTypes AS q ON q.Id = t.QuestionTypeId
            ORDER BY t.n DESC, q.SortOrder
            """,
            r => types.Add(new QuestionTypeCount(r.IsDBNull(0) ? null : r.GetInt32(0), r.IsDBNull(1) ? "" : r.GetString(1), r.IsDBNull(2) ? "" : r.GetString(2), r.GetInt32(3))),
            cancellationToken);
        return types;
    }

    /// <summary>READ scale, wait bucket (&lt; 30 s, &lt; 1 min, &lt; 3 min, &lt; 10 min, longer) and rating, each value with its count.</summary>
    private async Task<Distributions> DistributionsAsync(CancellationToken cancellationToken)
    {
        var counts = new[] { new Dictionary<int, int>(), new Dictionary<int, int>(), new Dictionary<int, int>() };
        await ReadAsync($"""
            SELECT 0, ReadScale, COUNT(*) FROM Conversations WHERE {Period} AND ReadScale IS NOT NULL GROUP BY ReadScale
            UNION ALL
            SELECT 1, CASE WHEN WaitSeconds < 30 THEN 0 WHEN WaitSeconds < 60 THEN 1 WHEN WaitSeconds < 180 THEN 2 WHEN WaitSeconds < 600 THEN 3 ELSE 4 END AS bucket, COUNT(*)
            FROM Conversations WHERE {Period} AND WaitSeconds IS NOT NULL GROUP BY bucket
            UNION ALL
            SELECT 2, Rating, COUNT(*) FROM Conversations WHERE {Period} AND Rating IS NOT NULL GROUP BY Rating
            """,
            r => counts[r.GetInt32(0)][r.GetInt32(1)] = r.GetInt32(2),
            cancellationToken);
        return new Distributions(counts[0], counts[1], counts[2]);
    }

    private async Task ReadAsync(string sql, Action<SqliteDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }

    private static int IntOrZero(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? 0 : reader.GetInt32(ordinal);

    private static double? DoubleOrNull(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private sealed record PeriodCounts(int Conversations, int Answered, int Missed, double? AverageRating, int Ratings, int Verified,
        int Waits, int FirstResponses, int Durations, int OfflineMessages, int Unclassified);

    private sealed record LibrarianCounts(string Id, string Name, int Conversations, int Answered, double? AverageRating, int Ratings,
        double OnlineSeconds, int FirstResponses, int Durations);

    private sealed record Percentile(string Where, string Column, int Count, int Percent);
}

/// <summary>
/// What <see cref="HandWrittenAnalytics"/> computes, in the desk's records where the SQL gives the whole
/// answer; <see cref="Days"/> is keyed by WIB days since 1 January 1970 and holds only days with conversations.
/// </summary>
public sealed record HandWrittenReport(
    KpiSet Current,
    KpiSet Previous,
    IReadOnlyDictionary<long, DayCounts> Days,
    IReadOnlyDictionary<(DayOfWeek Day, int Hour), int> HeatMap,
    IReadOnlyList<QuestionTypeCount> QuestionTypes,
    Distributions Distributions,
    IReadOnlyList<LibrarianPerformance> Librarians)
{
    /// <summary>The report with its day series and heat map summed from the conversations per WIB hour.</summary>
    public static HandWrittenReport From(
        KpiSet current, KpiSet previous, IReadOnlyList<HourCounts> hours, IReadOnlyList<QuestionTypeCount> questionTypes,
        Distributions distributions, IReadOnlyList<LibrarianPerformance> librarians)
    {
        ArgumentNullException.ThrowIfNull(hours);
        return new HandWrittenReport(
            current,
            previous,
            hours.GroupBy(h => h.Hour / 24).ToDictionary(g => g.Key, g => new DayCounts(g.Sum(h => h.Conversations), g.Sum(h => h.Answered), g.Sum(h => h.Missed))),

            // 1 January 1970 was a Thursday (4, counting from Sunday = 0).
            hours.GroupBy(h => ((DayOfWeek)((h.Hour / 24 + 4) % 7), (int)(h.Hour % 24))).ToDictionary(g => g.Key, g => g.Sum(h => h.Conversations)),
            questionTypes,
            distributions,
            librarians);
    }
}

/// <summary>Conversations started in one WIB hour (hours since 1 January 1970), with how many were answered and missed.</summary>
public sealed record HourCounts(long Hour, int Conversations, int Answered, int Missed);

public sealed record DayCounts(int Conversations, int Answered, int Missed);

/// <summary>Each distribution's values that occur, with their counts (wait buckets by index, 0 = under 30 s).</summary>
public sealed record Distributions(IReadOnlyDictionary<int, int> ReadScale, IReadOnlyDictionary<int, int> WaitBuckets, IReadOnlyDictionary<int, int> Ratings);
