using System.Data;
using LibrarianDesk.Features.Analytics;
using Npgsql;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// <see cref="HandWrittenAnalytics"/>' page as a DBA would write it in PostgreSQL SQL: raw Npgsql, one
/// REPEATABLE READ, READ ONLY transaction (the snapshot the desk's report reads on PostgreSQL), five
/// statements. Aggregates with FILTER, every median and p90 as <c>percentile_cont … WITHIN GROUP</c> beside
/// the counts (the cards of both periods in one statement, each librarian's in the per-librarian one),
/// LEAST/GREATEST for the Online time; counts cast to int, averages to float8.
/// </summary>
public static class PostgreSqlHandWrittenAnalytics
{
    private const string Period = """ "StartedAt" >= @from AND "StartedAt" < @to """;
    private const string Missed = """ "FirstResponseAt" IS NULL AND "Status" IN (2, 3) """;

    /// <summary>The page for [<paramref name="from"/>, <paramref name="to"/>), as <see cref="HandWrittenAnalytics.RunAsync"/>.</summary>
    public static async Task<HandWrittenReport> RunAsync(string connectionString, long from, long to, long previousFrom, long now, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var parameters = new Dictionary<string, long> { ["from"] = from, ["to"] = to, ["previousFrom"] = previousFrom, ["now"] = now };
        Task ReadAsync(string sql, Action<NpgsqlDataReader> row) => ReadRowsAsync(connection, sql, parameters, row, cancellationToken);
        await ReadAsync("SET TRANSACTION READ ONLY", _ => { });

        var cards = new Dictionary<bool, KpiSet>();
        await ReadAsync($"{Cards(1, "@from", "@to")}\nUNION ALL\n{Cards(0, "@previousFrom", "@from")}", r => cards[r.GetInt32(0) == 1] = new KpiSet(
            r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), DoubleOrNull(r, 5), DoubleOrNull(r, 6), DoubleOrNull(r, 7), DoubleOrNull(r, 8),
            DoubleOrNull(r, 9), r.GetInt32(10), r.GetInt32(11), r.GetInt32(12)));

        var librarians = new List<LibrarianPerformance>();
        await ReadAsync($"""
            WITH owned AS (
                SELECT "OwnerId", COUNT(*)::int AS n, COUNT("FirstResponseAt")::int AS answered, AVG("Rating")::float8 AS rating, COUNT("Rating")::int AS ratings,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY "FirstResponseSeconds") AS first,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY "DurationSeconds") AS duration
                FROM "Conversations" WHERE {Period} AND "OwnerId" IS NOT NULL GROUP BY "OwnerId"),
            online AS (
                SELECT "LibrarianId", SUM(LEAST(COALESCE("EndedAt", @now), @to) - GREATEST("StartedAt", @from))::float8 / 1000.0::float8 AS seconds
                FROM "PresencePeriods" WHERE "Presence" = 1 AND "StartedAt" < @to AND COALESCE("EndedAt", @now) > @from GROUP BY "LibrarianId")
            SELECT u."Id", u."DisplayName", COALESCE(o.n, 0), COALESCE(o.answered, 0), o.first, o.duration, o.rating, COALESCE(o.ratings, 0), COALESCE(p.seconds, 0)
            FROM "AspNetUsers" AS u LEFT JOIN owned AS o ON o."OwnerId" = u."Id" LEFT JOIN online AS p ON p."LibrarianId" = u."Id"
            WHERE o."OwnerId" IS NOT NULL OR p."LibrarianId" IS NOT NULL
            ORDER BY COALESCE(o.n, 0) DESC, u."DisplayName" COLLATE "C"
            """,
            r => librarians.Add(new LibrarianPerformance(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), DoubleOrNull(r, 4), DoubleOrNull(r, 5),
                DoubleOrNull(r, 6), r.GetInt32(7), r.GetDouble(8))));

        // WIB is UTC+7 all year: a WIB hour is integer arithmetic on the stored UTC milliseconds.
        var hours = new List<HourCounts>();
        await ReadAsync($"""
            SELECT ("StartedAt" + 25200000) / 3600000 AS hour, COUNT(*)::int, COUNT("FirstResponseAt")::int, (COUNT(*) FILTER (WHERE {Missed}))::int
            FROM "Conversations" WHERE {Period} GROUP BY hour
            """,
            r => hours.Add(new HourCounts(r.GetInt64(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3))));

        var types = new List<QuestionTypeCount>();
        await ReadAsync($"""
            SELECT t."QuestionTypeId", q."NameId", q."NameEn", t.n
            FROM (SELECT "QuestionTypeId", COUNT(*)::int AS n FROM "Conversations" WHERE {Period} AND "ReadScale" IS NOT NULL GROUP BY "QuestionTypeId") AS t
            LEFT JOIN "QuestionTypes" AS q ON q."Id" = t."QuestionTypeId"
            ORDER BY t.n DESC, q."SortOrder"
            """,
            r => types.Add(new QuestionTypeCount(r.IsDBNull(0) ? null : r.GetInt32(0), r.IsDBNull(1) ? "" : r.GetString(1), r.IsDBNull(2) ? "" : r.GetString(2), r.GetInt32(3))));

        var counts = new[] { new Dictionary<int, int>(), new Dictionary<int, int>(), new Dictionary<int, int>() };
        await ReadAsync($"""
            SELECT 0, "ReadScale", COUNT(*)::int FROM "Conversations" WHERE {Period} AND "ReadScale" IS NOT NULL GROUP BY "ReadScale"
            UNION ALL
            SELECT 1, CASE WHEN "WaitSeconds" < 30 THEN 0 WHEN "WaitSeconds" < 60 THEN 1 WHEN "WaitSeconds" < 180 THEN 2 WHEN "WaitSeconds" < 600 THEN 3 ELSE 4 END AS bucket, COUNT(*)::int
            FROM "Conversations" WHERE {Period} AND "WaitSeconds" IS NOT NULL GROUP BY bucket
            UNION ALL
            SELECT 2, "Rating", COUNT(*)::int FROM "Conversations" WHERE {Period} AND "Rating" IS NOT NULL GROUP BY "Rating"
            """,
            r => counts[r.GetInt32(0)][r.GetInt32(1)] = r.GetInt32(2));

        await transaction.CommitAsync(cancellationToken);
        return HandWrittenReport.From(cards[true], cards[false], hours, types, new Distributions(counts[0], counts[1], counts[2]), librarians);
    }

    /// <summary>One period's KPI cards in <see cref="KpiSet"/>'s order, after a 1 (this period) or 0 (the one before).</summary>
    private static string Cards(int current, string lower, string upper) => $"""
        SELECT {current}, COUNT(*)::int, COUNT("FirstResponseAt")::int, (COUNT(*) FILTER (WHERE {Missed}))::int,
               (SELECT COUNT(*) FROM "OfflineMessages" WHERE "ReceivedAt" >= {lower} AND "ReceivedAt" < {upper})::int,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY "WaitSeconds"), percentile_cont(0.9) WITHIN GROUP (ORDER BY "WaitSeconds"),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY "FirstResponseSeconds"), percentile_cont(0.5) WITHIN GROUP (ORDER BY "DurationSeconds"),
               AVG("Rating")::float8, COUNT("Rating")::int, (COUNT(*) FILTER (WHERE "Membership" = 1))::int,
               (COUNT(*) FILTER (WHERE "ReadScale" IS NULL AND ("Status" = 2 OR ("Status" = 3 AND "FollowedUpAt" IS NOT NULL))))::int
        FROM "Conversations" WHERE "StartedAt" >= {lower} AND "StartedAt" < {upper}
        """;

    private static async Task ReadRowsAsync(
        NpgsqlConnection connection, string sql, Dictionary<string, long> parameters, Action<NpgsqlDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters.Where(p => sql.Contains("@" + p.Key, StringComparison.Ordinal)))
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }

    private static double? DoubleOrNull(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}
