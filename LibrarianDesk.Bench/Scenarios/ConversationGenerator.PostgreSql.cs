using LibrarianDesk.Shared.Staff;
using Npgsql;
using NpgsqlTypes;

namespace LibrarianDesk.Bench.Scenarios;

public static partial class ConversationGenerator
{
    /// <summary>
    /// The rows by binary COPY, a transaction per batch of conversations (their messages follow them, for the
    /// foreign key), then ANALYZE: the planner's statistics are what a loaded database has, for the desk and
    /// for the hand-written SQL alike. Whatever keeps the desk's search index current runs as the rows arrive.
    /// </summary>
    private static async Task WritePostgreSqlAsync(
        string connectionString, IEnumerable<GeneratedConversation> rows, List<GeneratedPresence> presence, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var periods = await connection.BeginBinaryImportAsync(
            """COPY "PresencePeriods" ("LibrarianId", "Presence", "StartedAt", "EndedAt") FROM STDIN (FORMAT BINARY)""", cancellationToken))
        {
            foreach (var period in presence)
            {
                await periods.StartRowAsync(cancellationToken);
                await periods.WriteAsync(period.LibrarianId, NpgsqlDbType.Varchar, cancellationToken);
                await periods.WriteAsync((int)Presence.Online, NpgsqlDbType.Integer, cancellationToken);
                await periods.WriteAsync(period.StartedAt, NpgsqlDbType.Bigint, cancellationToken);
                await periods.WriteAsync(period.EndedAt, NpgsqlDbType.Bigint, cancellationToken);
            }

            await periods.CompleteAsync(cancellationToken);
        }

        foreach (var batch in rows.Chunk(Batch))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await CopyConversationsAsync(connection, batch, cancellationToken);
            await CopyMessagesAsync(connection, batch, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await using var analyze = new NpgsqlCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task CopyConversationsAsync(NpgsqlConnection connection, GeneratedConversation[] batch, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync("""
            COPY "Conversations" ("Id", "Status", "PatronName", "PatronEmail", "ClaimedMemberNumber", "QuestionTypeId", "Language", "PatronTokenHash",
                "StartedAt", "ClaimedAt", "FirstResponseAt", "ClosedAt", "OwnerId", "ReadScale", "Rating", "Membership", "EndedByPatron", "LastSequence",
                "WaitSeconds", "WaitServiceSeconds", "FirstResponseSeconds", "FirstResponseServiceSeconds", "DurationSeconds", "DurationServiceSeconds")
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var c in batch)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync((int)c.Status, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(c.PatronName, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(c.PatronEmail, NpgsqlDbType.Varchar, cancellationToken);
            await WriteAsync(copy, c.MemberNumber, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(c.QuestionTypeId, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync("id", NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync("", NpgsqlDbType.Varchar, cancellationToken); // a past conversation: no patron holds a key to it
            await copy.WriteAsync(c.StartedAt, NpgsqlDbType.Bigint, cancellationToken);
            await WriteAsync(copy, c.ClaimedAt, NpgsqlDbType.Bigint, cancellationToken);
            await WriteAsync(copy, c.FirstResponseAt, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(c.ClosedAt, NpgsqlDbType.Bigint, cancellationToken);
            await WriteAsync(copy, c.OwnerId, NpgsqlDbType.Text, cancellationToken);
            await WriteAsync(copy, c.ReadScale, NpgsqlDbType.Integer, cancellationToken);
            await WriteAsync(copy, c.Rating, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(c.Membership, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(c.LastSequence, NpgsqlDbType.Integer, cancellationToken);
            foreach (var seconds in new[] { c.Wait, c.FirstResponse, c.Duration })
            {
                await WriteAsync(copy, seconds.WallClock, NpgsqlDbType.Double, cancellationToken);
                await WriteAsync(copy, seconds.ServiceHours, NpgsqlDbType.Double, cancellationToken);
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static async Task CopyMessagesAsync(NpgsqlConnection connection, GeneratedConversation[] batch, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            """COPY "ChatMessages" ("ConversationId", "Sequence", "Author", "AuthorId", "Text", "SentAt") FROM STDIN (FORMAT BINARY)""", cancellationToken);
        foreach (var c in batch)
        {
            foreach (var line in c.Messages)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(line.Sequence, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync((int)line.Author, NpgsqlDbType.Integer, cancellationToken);
                await WriteAsync(copy, line.AuthorId, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(line.Text, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(line.SentAt, NpgsqlDbType.Bigint, cancellationToken);
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, type, cancellationToken);

    private static Task WriteAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct =>
        value is { } present ? copy.WriteAsync(present, type, cancellationToken) : copy.WriteNullAsync(cancellationToken);
}
