using System.Globalization;
using LibrarianDesk.Bench.Measuring;
using LibrarianDesk.Features.Conversations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// The workspace opening one conversation (<see cref="ConversationQueries.DetailAsync"/>; later messages
/// only add their lines) on a large desk, against the same answers as hand-written SQL: the
/// conversation, its transcript with the librarians' names, the question type and the patron's earlier
/// conversations (by email or member number).
/// </summary>
public sealed class WorkspaceDetailMeasurement : IDataScaleMeasurement
{
    public string Name => "workspace opens a conversation";

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
        context.SameAnswer("workspace: same transcript and earlier conversations",
            detail is not null && detail.Lines.Count == raw.Lines && detail.Earlier.Count == raw.Earlier,
            string.Create(CultureInfo.InvariantCulture, $"desk {detail?.Lines.Count} lines / {detail?.Earlier.Count} earlier; SQL {raw.Lines} / {raw.Earlier}"));
        return [new DataScaleResult(string.Create(CultureInfo.InvariantCulture, $"{context.Size.Conversations:N0} conversations"), desk, sql)];
    }

    /// <summary>
    /// The same answers read in full, as the desk does: every column of the conversation, of each message
    /// with its author's name, of the question type, and the earlier conversations' id, start and status.
    /// </summary>
    private static async Task<(int Lines, int Earlier)> RawDetailAsync(string databasePath, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true }.ToString());
        await connection.OpenAsync(cancellationToken);
        var key = id.ToString().ToUpperInvariant();
        var conversation = await RowsAsync(connection, "SELECT * FROM Conversations WHERE Id = $id", cancellationToken, ("$id", key));
        if (conversation.Count == 0)
        {
            return (0, 0);
        }

        var row = conversation[0];
        var email = row["PatronEmail"];
        var member = row["ClaimedMemberNumber"];
        var lines = await RowsAsync(connection, """
            SELECT m.*, u.DisplayName FROM ChatMessages m LEFT JOIN AspNetUsers u ON u.Id = m.AuthorId
            WHERE m.ConversationId = $id ORDER BY m.Sequence
            """, cancellationToken, ("$id", key));
        await RowsAsync(connection, "SELECT * FROM QuestionTypes WHERE Id = $type", cancellationToken, ("$type", row["QuestionTypeId"]));
        var earlier = await RowsAsync(connection, """
            SELECT Id, StartedAt, Status FROM Conversations WHERE Id <> $id AND StartedAt < $started
            AND (($email IS NOT NULL AND PatronEmail = $email) OR ($member IS NOT NULL AND ClaimedMemberNumber = $member))
            ORDER BY StartedAt DESC LIMIT 10
            """, cancellationToken, ("$id", key), ("$started", row["StartedAt"]), ("$email", email), ("$member", member));
        return (lines.Count, earlier.Count);
    }

    private static async Task<List<Dictionary<string, object>>> RowsAsync(
        SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<Dictionary<string, object>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new Dictionary<string, object>(reader.FieldCount);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
