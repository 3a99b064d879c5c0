using System.Data.Common;
using LibrarianDesk.Data;
using LibrarianDesk.Shared.Conversations;
using Npgsql;
using NpgsqlTypes;

namespace LibrarianDesk.Features.Conversations;

public sealed partial class ChatMessageWriter
{
    /// <summary>
    /// The statements on PostgreSQL, where several servers write at once: the group's transaction first locks every
    /// conversation in it (in id order, so two servers' groups never deadlock), and the sequence read after that
    /// stays the last one until the commit. Every statement is a round trip to the server, so a group costs three
    /// whatever its size: the lock reads the group's conversations, their resent messages and an id for each new
    /// message; the messages are kept and answered from memory; one statement then inserts them all and moves the
    /// conversations' last sequence; then the commit.
    /// </summary>
    private sealed class PostgreSqlStatements : IStatements
    {
        private readonly DeskDbContext db;
        private readonly NpgsqlConnection connection;
        private readonly NpgsqlBatch lockAndRead;
        private readonly NpgsqlBatch insert;
        private readonly Dictionary<Guid, LockedConversation> conversations = [];
        private readonly Dictionary<(Guid ConversationId, string ClientMessageId), ChatMessage> stored = [];
        private readonly Queue<long> messageIds = [];
        private readonly List<ChatMessage> pending = [];

        public PostgreSqlStatements(DeskDbContext db, NpgsqlConnection connection)
        {
            this.db = db;
            this.connection = connection;
            lockAndRead = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    BatchCommand(
                        """
                        SELECT c."Id", c."Status", c."PatronTokenHash", c."LastSequence", c."OwnerId", u."DisplayName", c."FirstResponseAt" IS NOT NULL
                        FROM "Conversations" AS c LEFT JOIN "AspNetUsers" AS u ON u."Id" = c."OwnerId"
                        WHERE c."Id" = ANY(@ids) ORDER BY c."Id" FOR UPDATE OF c
                        """,
                        ("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid)),
                    BatchCommand(
                        """
                        SELECT m."Id", m."Sequence", m."Author", m."AuthorId", m."Text", m."SentAt", m."ConversationId", m."ClientMessageId"
                        FROM "ChatMessages" AS m JOIN unnest(@conversations, @clients) AS sent("ConversationId", "ClientMessageId")
                            ON m."ConversationId" = sent."ConversationId" AND m."ClientMessageId" = sent."ClientMessageId"
                        """,
                        ("conversations", NpgsqlDbType.Array | NpgsqlDbType.Uuid), ("clients", NpgsqlDbType.Array | NpgsqlDbType.Varchar)),
                    BatchCommand(
                        """SELECT nextval(pg_get_serial_sequence('"ChatMessages"', 'Id')) FROM generate_series(1, @count)""",
                        ("count", NpgsqlDbType.Integer)),
                },
            };
            insert = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    BatchCommand(
                        """
                        INSERT INTO "ChatMessages" ("Id", "ConversationId", "Sequence", "Author", "AuthorId", "Text", "ClientMessageId", "SentAt")
                        SELECT * FROM unnest(@ids, @conversations, @sequences, @authors, @authorIds, @texts, @clients, @sentAts)
                        """,
                        ("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint), ("conversations", NpgsqlDbType.Array | NpgsqlDbType.Uuid),
                        ("sequences", NpgsqlDbType.Array | NpgsqlDbType.Integer), ("authors", NpgsqlDbType.Array | NpgsqlDbType.Integer),
                        ("authorIds", NpgsqlDbType.Array | NpgsqlDbType.Varchar), ("texts", NpgsqlDbType.Array | NpgsqlDbType.Text),
                        ("clients", NpgsqlDbType.Array | NpgsqlDbType.Varchar), ("sentAts", NpgsqlDbType.Array | NpgsqlDbType.Bigint)),
                    BatchCommand(
                        """
                        UPDATE "Conversations" AS c SET "LastSequence" = appended."LastSequence"
                        FROM unnest(@conversations, @lastSequences) AS appended("Id", "LastSequence")
                        WHERE c."Id" = appended."Id"
                        """,
                        ("conversations", NpgsqlDbType.Array | NpgsqlDbType.Uuid), ("lastSequences", NpgsqlDbType.Array | NpgsqlDbType.Integer)),
                },
            };

            // Prepared once per connection: the server plans each statement once, not at every message.
            lockAndRead.Prepare();
            insert.Prepare();
        }

        public async ValueTask<DbTransaction> BeginAsync(IReadOnlyList<PendingMessage> batch)
        {
            conversations.Clear();
            stored.Clear();
            messageIds.Clear();
            pending.Clear();
            var transaction = await connection.BeginTransactionAsync();
            try
            {
                var resendable = batch.Where(pending => pending.ClientMessageId is not null).ToList();
                lockAndRead.BatchCommands[0].Parameters["ids"].Value = batch.Select(pending => pending.ConversationId).Distinct().ToArray();
                lockAndRead.BatchCommands[1].Parameters["conversations"].Value = resendable.Select(pending => pending.ConversationId).ToArray();
                lockAndRead.BatchCommands[1].Parameters["clients"].Value = resendable.Select(pending => pending.ClientMessageId!).ToArray();
                lockAndRead.BatchCommands[2].Parameters["count"].Value = batch.Count;
                await using var reader = await lockAndRead.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    conversations[reader.GetGuid(0)] = new LockedConversation(
                        new ConversationRow((ConversationStatus)reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3)),
                        reader.IsDBNull(4) ? null : reader.GetString(4),
                        reader.IsDBNull(5) ? null : reader.GetString(5),
                        reader.GetBoolean(6));
                }

                await reader.NextResultAsync();
                while (await reader.ReadAsync())
                {
                    var message = ReadMessage(reader, reader.GetGuid(6), reader.GetString(7));
                    stored[(message.ConversationId, message.ClientMessageId!)] = message;
                }

                await reader.NextResultAsync();
                while (await reader.ReadAsync())
                {
                    messageIds.Enqueue(reader.GetInt64(0));
                }

                return transaction;
            }
            catch
            {
                await transaction.DisposeAsync();
                throw;
            }
        }

        public ConversationRow? ReadConversation(Guid conversationId) =>
            conversations.TryGetValue(conversationId, out var locked) ? locked.Row : null;

        public ReplyTarget? ReadReplyTarget(Guid conversationId) =>
            conversations.TryGetValue(conversationId, out var locked)
                ? new ReplyTarget(locked.Row.Status, locked.OwnerId, locked.OwnerName, locked.HasFirstResponse, locked.Row.LastSequence)
                : null;

        public ChatMessage? ReadResent(Guid conversationId, string? clientMessageId) =>
            clientMessageId is not null && stored.TryGetValue((conversationId, clientMessageId), out var earlier) ? earlier : null;

        public ChatMessage Insert(PendingMessage message, int sequence, DateTimeOffset sentAt)
        {
            var inserted = Committed(messageIds.Dequeue(), message, sequence, sentAt);
            pending.Add(inserted);

            // What the rows read at the lock now say: the next message of the group sees this one.
            var locked = conversations[message.ConversationId];
            conversations[message.ConversationId] = locked with { Row = locked.Row with { LastSequence = sequence } };
            if (message.ClientMessageId is not null)
            {
                stored[(message.ConversationId, message.ClientMessageId)] = inserted;
            }

            return inserted;
        }

        public async ValueTask WritePendingAsync()
        {
            if (pending.Count == 0)
            {
                return;
            }

            var rows = insert.BatchCommands[0].Parameters;
            rows["ids"].Value = pending.Select(m => m.Id).ToArray();
            rows["conversations"].Value = pending.Select(m => m.ConversationId).ToArray();
            rows["sequences"].Value = pending.Select(m => m.Sequence).ToArray();
            rows["authors"].Value = pending.Select(m => (int)m.Author).ToArray();
            rows["authorIds"].Value = pending.Select(m => m.AuthorId).ToArray();
            rows["texts"].Value = pending.Select(m => m.Text).ToArray();
            rows["clients"].Value = pending.Select(m => m.ClientMessageId).ToArray();
            rows["sentAts"].Value = pending.Select(m => m.SentAt.ToUnixTimeMilliseconds()).ToArray();
            var appended = pending.Select(m => m.ConversationId).Distinct().ToArray();
            insert.BatchCommands[1].Parameters["conversations"].Value = appended;
            insert.BatchCommands[1].Parameters["lastSequences"].Value = appended.Select(id => conversations[id].Row.LastSequence).ToArray();
            await insert.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await lockAndRead.DisposeAsync();
            await insert.DisposeAsync();
            await db.DisposeAsync();
        }

        private static NpgsqlBatchCommand BatchCommand(string sql, params (string Name, NpgsqlDbType Type)[] parameters)
        {
            var command = new NpgsqlBatchCommand(sql);
            AddParameters(command.Parameters, parameters);
            return command;
        }

        private static void AddParameters(NpgsqlParameterCollection collection, params (string Name, NpgsqlDbType Type)[] parameters)
        {
            foreach (var (name, type) in parameters)
            {
                collection.Add(new NpgsqlParameter(name, type));
            }
        }

        /// <summary>A conversation as the group's lock read it, with what a reply needs to know of its owner.</summary>
        private readonly record struct LockedConversation(ConversationRow Row, string? OwnerId, string? OwnerName, bool HasFirstResponse);
    }
}
