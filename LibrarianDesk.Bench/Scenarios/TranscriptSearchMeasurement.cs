using System.Globalization;
using LibrarianDesk.Bench.Measuring;
using LibrarianDesk.Data;
using LibrarianDesk.Features.History;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Shared.Staff;
using Microsoft.Data.Sqlite;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// Transcript search (<see cref="HistorySearch.SearchAsync"/>, newest first, first page of 25, as a
/// Supervisor) for a rare word (about 1% of the messages), a common word (about one message in five)
/// and the common word within the last 30 days, against a hand-written FTS5 MATCH (on PostgreSQL a
/// tsvector match, <see cref="PostgreSqlTranscriptSearch"/>): the total of matching conversations and
/// the ids of the first page, in one statement that walks the matches once (until 2026-12-03 a count
/// and a page query, each walking every match).
/// </summary>
public sealed class TranscriptSearchMeasurement : IDataScaleMeasurement
{
    private const int Page = 25;

    public string Name => "transcript search (total + first page)";

    public async Task<IReadOnlyList<DataScaleResult>> MeasureAsync(DataScaleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var search = context.Desk.Service<HistorySearch>();
        var supervisor = new HistoryReader((await context.Desk.CreateStaffAsync("search", 1, DeskRoles.Supervisor))[0]);
        var today = DateOnly.FromDateTime(Wib.ToWib(DateTimeOffset.UtcNow).DateTime);
        var monthAgo = today.AddDays(-29);
        (string Case, HistoryFilter Filter, string Match, long? From)[] cases =
        [
            ($"rare word '{ConversationGenerator.RareWord}'", new HistoryFilter { Text = ConversationGenerator.RareWord }, ConversationGenerator.RareWord + "*", null),
            ($"common word '{ConversationGenerator.CommonWord}'", new HistoryFilter { Text = ConversationGenerator.CommonWord }, ConversationGenerator.CommonWord + "*", null),
            ($"common word, last 30 days", new HistoryFilter { Text = ConversationGenerator.CommonWord, From = monthAgo, To = today },
                ConversationGenerator.CommonWord + "*", Wib.At(monthAgo, TimeOnly.MinValue).ToUnixTimeMilliseconds()),
        ];

        var results = new List<DataScaleResult>();
        foreach (var (label, filter, match, from) in cases)
        {
            HistoryResults found = default!;
            var desk = await Timed.MedianAsync(context.Size.Repeats, async () =>
                found = await search.SearchAsync(filter, supervisor, 0, Page, cancellationToken));
            (int Total, List<Guid> Page) raw = (0, []);
            var sql = await Timed.MedianAsync(context.Size.Repeats, async () => raw = context.Desk.Provider == DatabaseProvider.PostgreSql
                ? await PostgreSqlTranscriptSearch.SearchAsync(context.Desk.PostgreSqlConnectionString, filter.Text!, from, Page, cancellationToken)
                : await RawSearchAsync(context.Desk.DatabasePath, match, from, cancellationToken));
            context.SameAnswer($"transcript search {label}: same total and first page",
                found.Total == raw.Total && raw.Total > 0 && found.Hits.Select(h => h.ConversationId).SequenceEqual(raw.Page),
                string.Create(CultureInfo.InvariantCulture, $"desk {found.Total} conversations, SQL {raw.Total}"));
            results.Add(new DataScaleResult($"{context.Size.Messages:N0} messages, {label}", desk, sql));
        }

        return results;
    }

    // The period ends today, so only its start is a condition. No notes are generated, and a Supervisor sees them all anyway.
    // One statement, as a DBA would write it: the matches walked and grouped by conversation once, the
    // count and the page read from that (see HistorySearch for why GROUP BY and "+c.Id").
    private static async Task<(int Total, List<Guid> Page)> RawSearchAsync(string databasePath, string match, long? from, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var search = connection.CreateCommand();
        search.CommandText = $"""
            WITH Found AS MATERIALIZED (
                SELECT c.Id, c.StartedAt
                FROM Conversations AS c
                JOIN (SELECT m.ConversationId
                      FROM ChatMessagesFts AS f JOIN ChatMessages AS m ON m.Id = f.rowid
                      WHERE ChatMessagesFts MATCH $match
                      GROUP BY m.ConversationId) AS w ON w.ConversationId = +c.Id
                {(from is null ? "" : "WHERE c.StartedAt >= $from")})
            SELECT (SELECT COUNT(*) FROM Found), Id FROM Found ORDER BY StartedAt DESC, Id LIMIT {Page}
            """;
        search.Parameters.AddWithValue("$match", match);
        search.Parameters.AddWithValue("$from", (object?)from ?? DBNull.Value);
        var total = 0;
        var ids = new List<Guid>();
        await using var reader = await search.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            total = reader.GetInt32(0);
            ids.Add(Guid.Parse(reader.GetString(1)));
        }

        return (total, ids);
    }
}
