using System.Globalization;
using LibrarianDesk.Bench.Measuring;
using LibrarianDesk.Features.Conversations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// The workspace's refresh of one conversation (<see cref="ConversationQueries.DetailAsync"/>, run on
/// every message of an open conversation) on a large desk, against the same five answers as
/// hand-written SQL: the conversation, its transcript, the librarians' names, the question type and
/// the patron's earlier conversations (by email or member number).
/// </summary>
public sealed class WorkspaceDetailMeasurement : IDataScaleMeasurement
{
    public string Name => "workspace conversation refresh";

    public async Task<IReadOnlyList<DataScaleResult>> MeasureAsync(DataScaleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        Guid id;
        await using (var db = context.Desk.CreateDbContext())
        {
            id = await db.Conversations.AsNoTracking().OrderBy(c => c.StartedAt).Skip(context.Size.Conversations / 2)
                .Select(c => c.Id).FirstAsync(cancellationToken);
        }

        var queries = context.Desk.Service<ConversationQueries>();
        ConversationDetail? detail = null;
        var desk = await Timed.MedianAsync(context.Size.Repeats, async () => detail = await queries.DetailAsync(id, cancellationToken));
        (int Lines, int Earlier) raw = (0, 0);
        var sql = await Timed.MedianAsync(context.Size.Repeats, async () => raw = await RawDetailAsync(context.Desk.DatabasePath, id, cancellationToken));
        context.SameAnswer("workspace refresh: same transcript and earlier conversations",
            detail is not null && detail.Lines.Count == raw.Lines && detail.Earlier.Count == raw.Earlier,
            string.Create(CultureInfo.InvariantCulture, $"desk {detail?.Lines.Count} lines / {detail?.Earlier.Count} earlier; SQL {raw.Lines} / {raw.Earlier}"));
        return [new DataScaleResult(string.Create(CultureInfo.InvariantCulture, $"{context.Size.Conversations:N0} conversations"), desk, sql)];
    }

    private static async Task<(int Lines, int Earlier)> RawDetailAsync(string databasePath, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true }.ToString());
        await connection.OpenAsync(cancellationToken);
        var key = id.ToString().ToUpperInvariant();
        string? email = null;
        string? member = null;
        long started = 0;
        await using (var conversation = connection.CreateCommand())
        {
            conversation.CommandText = "SELECT PatronEmail, ClaimedMemberNumber, StartedAt, QuestionTypeId, OwnerId FROM Conversations WHERE Id = $id";
            conversation.Parameters.AddWithValue("$id", key);
            await using var reader = await conversation.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                email = reader.IsDBNull(0) ? null : reader.GetString(0);
                member = reader.IsDBNull(1) ? null : reader.GetString(1);
                started = reader.GetInt64(2);
            }
        }

        var lines = await CountAsync(connection, """
            SELECT COUNT(*) FROM (SELECT m.Id, m.Text, u.DisplayName FROM ChatMessages m LEFT JOIN AspNetUsers u ON u.Id = m.AuthorId
            WHERE m.ConversationId = $id ORDER BY m.Sequence)
            """, ("$id", key), cancellationToken);
        await CountAsync(connection, "SELECT COUNT(*) FROM QuestionTypes q JOIN Conversations c ON c.QuestionTypeId = q.Id WHERE c.Id = $id", ("$id", key), cancellationToken);
        var earlier = await CountAsync(connection, """
            SELECT COUNT(*) FROM (SELECT Id FROM Conversations WHERE Id <> $id AND StartedAt < $started
            AND (($email IS NOT NULL AND PatronEmail = $email) OR ($member IS NOT NULL AND ClaimedMemberNumber = $member))
            ORDER BY StartedAt DESC LIMIT 10)
            """, ("$id", key), cancellationToken, ("$started", started), ("$email", (object?)email ?? DBNull.Value), ("$member", (object?)member ?? DBNull.Value));
        return (lines, earlier);
    }

    private static async Task<int> CountAsync(
        SqliteConnection connection, string sql, (string Name, object Value) first, CancellationToken cancellationToken, params (string Name, object Value)[] more)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in more.Prepend(first))
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
