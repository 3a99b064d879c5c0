using System.Globalization;
using LibrarianDesk.Features.Analytics;
using LibrarianDesk.Shared.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Analytics;

/// <summary>
/// The service's numbers on the seeded demo equal those of independent SQL written here: from the raw
/// timestamps and messages rather than the recorded metric columns, with LIMIT/OFFSET for medians and
/// .NET's Asia/Jakarta time zone for WIB days and hours, so neither the recording nor the aggregation can be
/// wrong alone. The SQL runs on SQLite and PostgreSQL alike (quoted names, @ parameters).
/// </summary>
public sealed class AnalyticsOnDemoDataTests(DemoDeskApp app) : IClassFixture<DemoDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(Wib.ToWib(DateTimeOffset.UtcNow).DateTime);

    private static readonly AnalyticsQuery Last30Days = new(Today.AddDays(-29), Today);

    private const string Period = "c.\"StartedAt\" >= @from AND c.\"StartedAt\" < @to";

    [Fact]
    public async Task Counts_match_independent_sql()
    {
        var report = await app.Service<AnalyticsService>().GetReportAsync(Last30Days, Cancel);

        report.Current.Conversations.Should().BeGreaterThan(100, "the demo has a busy month");
        report.Current.Conversations.Should().Be(await ScalarAsync($"SELECT COUNT(*) FROM \"Conversations\" c WHERE {Period}"));
        report.Current.Answered.Should().Be(await ScalarAsync($"""
            SELECT COUNT(*) FROM "Conversations" c
            WHERE {Period} AND EXISTS (SELECT 1 FROM "ChatMessages" m WHERE m."ConversationId" = c."Id" AND m."Author" = 1)
            """));
        report.Current.Missed.Should().Be(await ScalarAsync($"""
            SELECT COUNT(*) FROM "Conversations" c
            WHERE {Period} AND c."Status" IN (2, 3) AND NOT EXISTS (SELECT 1 FROM "ChatMessages" m WHERE m."ConversationId" = c."Id" AND m."Author" = 1)
            """));
        report.Current.Ratings.Should().Be(await ScalarAsync($"SELECT COUNT(*) FROM \"Conversations\" c WHERE {Period} AND c.\"Rating\" IS NOT NULL"));
        report.Current.AverageRating.Should().BeApproximately(
            await RealAsync($"SELECT SUM(c.\"Rating\") * 1.0 / COUNT(c.\"Rating\") FROM \"Conversations\" c WHERE {Period}"), 1e-9);
        report.Current.VerifiedMembers.Should().Be(await ScalarAsync($"SELECT COUNT(*) FROM \"Conversations\" c WHERE {Period} AND c.\"Membership\" = 1"));
        report.Current.OfflineMessages.Should().BeGreaterThan(0, "the demo has messages left while the desk was closed")
            .And.Be(await ScalarAsync("SELECT COUNT(*) FROM \"OfflineMessages\" c WHERE c.\"ReceivedAt\" >= @from AND c.\"ReceivedAt\" < @to"));
        report.Previous.Conversations.Should().Be(await ScalarAsync(
            "SELECT COUNT(*) FROM \"Conversations\" c WHERE c.\"StartedAt\" >= @previousFrom AND c.\"StartedAt\" < @from"));
    }

    [Fact]
    public async Task Medians_and_p90_match_independent_sql_on_the_raw_timestamps()
    {
        var report = await app.Service<AnalyticsService>().GetReportAsync(Last30Days, Cancel);

        const string Wait = "(c.\"ClaimedAt\" - c.\"StartedAt\") / 1000.0";
        report.Current.MedianWaitSeconds.Should().BeApproximately(
            await PercentileAsync(Wait, $"{Period} AND c.\"ClaimedAt\" IS NOT NULL", 0.5), 1e-6);
        report.Current.P90WaitSeconds.Should().BeApproximately(
            await PercentileAsync(Wait, $"{Period} AND c.\"ClaimedAt\" IS NOT NULL", 0.9), 1e-6);
        report.Current.MedianFirstResponseSeconds.Should().BeApproximately(
            await PercentileAsync("(c.\"FirstResponseAt\" - c.\"StartedAt\") / 1000.0", $"{Period} AND c.\"FirstResponseAt\" IS NOT NULL", 0.5), 1e-6);
        report.Current.MedianDurationSeconds.Should().BeApproximately(
            await PercentileAsync("(c.\"ClosedAt\" - c.\"ClaimedAt\") / 1000.0", $"{Period} AND c.\"Status\" = 2 AND c.\"ClaimedAt\" IS NOT NULL", 0.5), 1e-6);
    }

    [Fact]
    public async Task Days_hours_question_types_and_librarians_match_independent_sql()
    {
        var report = await app.Service<AnalyticsService>().GetReportAsync(Last30Days, Cancel);

        // Each first patron message in WIB by the time zone database, grouped here rather than in the engine's SQL.
        var starts = (await RowsAsync($"SELECT c.\"StartedAt\" FROM \"Conversations\" c WHERE {Period}"))
            .Select(r => Wib.ToWib(DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(r[0], CultureInfo.InvariantCulture))))
            .ToList();
        report.Days.Where(d => d.Conversations > 0).Select(d => (d.Day, d.Conversations))
            .Should().BeEquivalentTo(starts.GroupBy(s => DateOnly.FromDateTime(s.DateTime)).Select(g => (g.Key, g.Count())));
        report.HeatMap.Where(c => c.Conversations > 0).Select(c => (c.Day, c.Hour, c.Conversations))
            .Should().BeEquivalentTo(starts.GroupBy(s => (s.DayOfWeek, s.Hour)).Select(g => (g.Key.DayOfWeek, g.Key.Hour, g.Count())));

        var perType = await RowsAsync($"SELECT c.\"QuestionTypeId\", COUNT(*) FROM \"Conversations\" c WHERE {Period} AND c.\"ReadScale\" IS NOT NULL GROUP BY 1");
        report.QuestionTypes.Select(q => ((long)q.QuestionTypeId!, (long)q.Conversations))
            .Should().BeEquivalentTo(perType.Select(r => (Long(r[0]), Long(r[1]))));
        report.QuestionTypes.Select(q => q.Conversations).Should().BeInDescendingOrder();

        var perLibrarian = await RowsAsync($"""
            SELECT u."DisplayName", COUNT(*) FROM "Conversations" c JOIN "AspNetUsers" u ON u."Id" = c."OwnerId" WHERE {Period} GROUP BY 1
            """);
        report.Librarians.Where(l => l.Conversations > 0).Select(l => (l.DisplayName, (long)l.Conversations))
            .Should().BeEquivalentTo(perLibrarian.Select(r => ((string)r[0], Long(r[1]))));

        var online = await RowsAsync("""
            SELECT u."DisplayName",
                   SUM(CASE WHEN p."EndedAt" > @to THEN @to ELSE p."EndedAt" END - CASE WHEN p."StartedAt" < @from THEN @from ELSE p."StartedAt" END) / 1000.0
            FROM "PresencePeriods" p JOIN "AspNetUsers" u ON u."Id" = p."LibrarianId"
            WHERE p."Presence" = 1 AND p."StartedAt" < @to AND p."EndedAt" > @from
            GROUP BY 1
            """);
        online.Should().NotBeEmpty("the demo librarians worked shifts");
        report.Librarians.Where(l => l.OnlineSeconds > 0).Select(l => (l.DisplayName, l.OnlineSeconds))
            .Should().BeEquivalentTo(online.Select(r => ((string)r[0], Convert.ToDouble(r[1], CultureInfo.InvariantCulture))));
    }

    /// <summary>An integer column or count, whichever width the engine returns it in.</summary>
    private static long Long(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private async Task<int> ScalarAsync(string sql) => (int)Long((await RowsAsync(sql)).Single()[0]);

    private async Task<double> RealAsync(string sql) => Convert.ToDouble((await RowsAsync(sql)).Single()[0], CultureInfo.InvariantCulture);

    /// <summary>percentile_cont by hand: the two neighbouring ranks fetched with LIMIT/OFFSET, interpolated here.</summary>
    private async Task<double> PercentileAsync(string value, string where, double fraction)
    {
        var n = await ScalarAsync($"SELECT COUNT(*) FROM \"Conversations\" c WHERE {where}");
        var position = (n - 1) * fraction;
        var lower = (long)Math.Floor(position);
        var values = (await RowsAsync($"SELECT {value} FROM \"Conversations\" c WHERE {where} ORDER BY 1 LIMIT 2 OFFSET {lower}"))
            .Select(r => Convert.ToDouble(r[0], CultureInfo.InvariantCulture)).ToList();
        return values.Count == 1 ? values[0] : values[0] + (position - lower) * (values[1] - values[0]);
    }

    private async Task<List<object[]>> RowsAsync(string sql)
    {
        await using var db = app.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in new[]
        {
            ("@from", Last30Days.Start.ToUnixTimeMilliseconds()),
            ("@to", Last30Days.End.ToUnixTimeMilliseconds()),
            ("@previousFrom", Last30Days.PreviousStart.ToUnixTimeMilliseconds()),
        })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        var rows = new List<object[]>();
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        while (await reader.ReadAsync(Cancel))
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }
}
