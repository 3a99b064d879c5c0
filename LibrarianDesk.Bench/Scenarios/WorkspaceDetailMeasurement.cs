using System.Data.Common;
using System.Globalization;
using LibrarianDesk.Bench.Measuring;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Conversations;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// The workspace opening one conversation (<see cref="ConversationQueries.DetailAsync"/>; later messages
/// only add their lines) on a large desk, against the same answers as hand-written SQL: the
/// conversation, its transcript with the librarians' names, the question type and the patron's earlier
/// conversations (by email or member number), in the desk engine's SQL.
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
        var statements = DetailStatements.For(context.Desk.Provider);
        var sql = await Timed.MedianAsync(context.Size.Repeats, async () => raw = await RawDetailAsync(context.Desk.NewConnection(), statements, id, cancellationToken));
        context.SameAnswer("workspace: same transcript and earlier conversations",
            detail is not null && detail.Lines.Count == raw.Lines && detail.Earlier.Count == raw.Earlier,
            string.Create(CultureInfo.InvariantCulture, $"desk {detail?.Lines.Count} lines / {detail?.Earlier.Count} earlier; SQL {raw.Lines} / {raw.Earlier}"));
        return [new DataScaleResult(string.Create(CultureInfo.InvariantCulture, $"{context.Size.Conversations:N0} conversations"), desk, sql)];
    }

    /// <summary>
    /// The same answers read in full, as the desk does: every column of the conversation, of each message
    /// with its author's name, of the question type, and the earlier conversations' id, start and status.
    /// </summary>
    private static async Task<(int Lines, int Earlier)> RawDetailAsync(DbConnection connection, DetailStatements sql, Guid id, CancellationToken cancellationToken)
    {
        await using (connection)
        {
            await connection.OpenAsync(cancellationToken);
            var key = sql.Key(id);
            var conversation = await RowsAsync(connection, sql.Conversation, cancellationToken, (sql.Name("id"), key));
            if (conversation.Count == 0)
            {
                return (0, 0);
            }

            var row = conversation[0];
            var email = row["PatronEmail"];
            var member = row["ClaimedMemberNumber"];
            var lines = await RowsAsync(connection, sql.Lines, cancellationToken, (sql.Name("id"), key));
            await RowsAsync(connection, sql.QuestionType, cancellationToken, (sql.Name("type"), row["QuestionTypeId"]));
            var earlier = await RowsAsync(connection, sql.Earlier, cancellationToken,
                (sql.Name("id"), key), (sql.Name("started"), row["StartedAt"]), (sql.Name("email"), email), (sql.Name("member"), member));
            return (lines.Count, earlier.Count);
        }
    }

    /// <summary>The four statements in one engine's SQL, its parameter prefix and how it stores a conversation's id.</summary>
    private sealed record DetailStatements(string Conversation, string Lines, string QuestionType, string Earlier, string Prefix, Func<Guid, object> Key)
    {
        public static DetailStatements For(DatabaseProvider provider) => provider == DatabaseProvider.PostgreSql ? PostgreSql : Sqlite;

        public string Name(string parameter) => Prefix + parameter;

        private static readonly DetailStatements Sqlite = new(
            "SELECT * FROM Conversations WHERE Id = $id",
            """
            SELECT m.*, u.DisplayName FROM ChatMessages m LEFT JOIN AspNetUsers u ON u.Id = m.AuthorId
            WHERE m.ConversationId = $id ORDER BY m.Sequence
            """,
            "SELECT * FROM QuestionTypes WHERE Id = $type",
            """
            SELECT Id, StartedAt, Status FROM Conversations WHERE Id <> $id AND StartedAt < $started
            AND (($email IS NOT NULL AND PatronEmail = $email) OR ($member IS NOT NULL AND ClaimedMemberNumber = $member))
            ORDER BY StartedAt DESC LIMIT 10
            """,
            "$",
            id => id.ToString().ToUpperInvariant());

        // A null email or member number arrives untyped: the casts give PostgreSQL its type.
        private static readonly DetailStatements PostgreSql = new(
            """SELECT * FROM "Conversations" WHERE "Id" = @id""",
            """
            SELECT m.*, u."DisplayName" FROM "ChatMessages" m LEFT JOIN "AspNetUsers" u ON u."Id" = m."AuthorId"
            WHERE m."ConversationId" = @id ORDER BY m."Sequence"
            """,
            """SELECT * FROM "QuestionTypes" WHERE "Id" = @type::int""",
            """
            SELECT "Id", "StartedAt", "Status" FROM "Conversations" WHERE "Id" <> @id AND "StartedAt" < @started
            AND ((@email::varchar IS NOT NULL AND "PatronEmail" = @email::varchar) OR (@member::varchar IS NOT NULL AND "ClaimedMemberNumber" = @member::varchar))
            ORDER BY "StartedAt" DESC LIMIT 10
            """,
            "",
            id => id);
    }

    private static async Task<List<Dictionary<string, object>>> RowsAsync(
        DbConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = BaselineCommand.Create(connection, sql, parameters);

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
