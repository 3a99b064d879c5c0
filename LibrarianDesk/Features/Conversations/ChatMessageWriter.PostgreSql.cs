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
    /// stays the last one until the commit.
    /// </summary>
    private sealed class PostgreSqlStatements : IStatements
    {
        private readonly DeskDbContext db;
        private readonly NpgsqlConnection connection;
        private readonly NpgsqlCommand lockConversations;
        private readonly NpgsqlCommand readConversation;
        private readonly NpgsqlCommand readReplyTarget;
        private readonly NpgsqlCommand readResent;
        private readonly NpgsqlCommand insert;

        public PostgreSqlStatements(DeskDbContext db, NpgsqlConnection connection)
        {
            this.db = db;
            this.connection = connection;
            lockConversations = Command(
                """SELECT 1 FROM "Conversations" WHERE "Id" = ANY(@ids) ORDER BY "Id" FOR UPDATE""",
                ("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid));
            readConversation = Command(
                """SELECT "Status", "PatronTokenHash", "LastSequence" FROM "Conversations" WHERE "Id" = @id""",
                ("id", NpgsqlDbType.Uuid));
            readReplyTarget = Command(
                """
                SELECT c."Status", c."OwnerId", u."DisplayName", c."FirstResponseAt" IS NOT NULL, c."LastSequence"
                FROM "Conversations" AS c LEFT JOIN "AspNetUsers" AS u ON u."Id" = c."OwnerId"
                WHERE c."Id" = @id
                """,
                ("id", NpgsqlDbType.Uuid));
            readResent = Command(
                """
                SELECT "Id", "Sequence", "Author", "AuthorId", "Text", "SentAt" FROM "ChatMessages"
                WHERE "ConversationId" = @id AND "ClientMessageId" = @client
                """,
                ("id", NpgsqlDbType.Uuid), ("client", NpgsqlDbType.Varchar));
            insert = Command(
                """
                WITH bumped AS (UPDATE "Conversations" SET "LastSequence" = @sequence WHERE "Id" = @id)
                INSERT INTO "ChatMessages" ("ConversationId", "Sequence", "Author", "AuthorId", "Text", "ClientMessageId", "SentAt")
                VALUES (@id, @sequence, @author, @authorId, @text, @client, @sentAt)
                RETURNING "Id"
                """,
                ("id", NpgsqlDbType.Uuid), ("sequence", NpgsqlDbType.Integer), ("author", NpgsqlDbType.Integer),
                ("authorId", NpgsqlDbType.Varchar), ("text", NpgsqlDbType.Text), ("client", NpgsqlDbType.Varchar),
                ("sentAt", NpgsqlDbType.Bigint));
        }

        public DbTransaction Begin(IReadOnlyList<PendingMessage> batch)
        {
            var transaction = connection.BeginTransaction();
            try
            {
                lockConversations.Parameters["ids"].Value = batch.Select(pending => pending.ConversationId).Distinct().ToArray();
                lockConversations.ExecuteNonQuery();
                return transaction;
            }
            catch
            {
                transaction.Dispose();
                throw;
            }
        }

        public ConversationRow? ReadConversation(Guid conversationId)
        {
            readConversation.Parameters["id"].Value = conversationId;
            using var reader = readConversation.ExecuteReader();
            return reader.Read() ? ReadConversationRow(reader) : null;
        }

        public ReplyTarget? ReadReplyTarget(Guid conversationId)
        {
            readReplyTarget.Parameters["id"].Value = conversationId;
            using var reader = readReplyTarget.ExecuteReader();
            return reader.Read() ? ReadReplyTargetRow(reader) : null;
        }

        public ChatMessage? ReadResent(Guid conversationId, string? clientMessageId)
        {
            if (clientMessageId is null)
            {
                return null;
            }

            readResent.Parameters["id"].Value = conversationId;
            readResent.Parameters["client"].Value = clientMessageId;
            using var reader = readResent.ExecuteReader();
            return reader.Read() ? ReadMessage(reader, conversationId, clientMessageId) : null;
        }

        public ChatMessage Insert(PendingMessage pending, int sequence, DateTimeOffset sentAt)
        {
            insert.Parameters["id"].Value = pending.ConversationId;
            insert.Parameters["sequence"].Value = sequence;
            insert.Parameters["author"].Value = (int)pending.Author;
            insert.Parameters["authorId"].Value = (object?)pending.LibrarianId ?? DBNull.Value;
            insert.Parameters["text"].Value = pending.Text;
            insert.Parameters["client"].Value = (object?)pending.ClientMessageId ?? DBNull.Value;
            insert.Parameters["sentAt"].Value = sentAt.ToUnixTimeMilliseconds();
            var id = (long)insert.ExecuteScalar()!;
            return Committed(id, pending, sequence, sentAt);
        }

        public async ValueTask DisposeAsync()
        {
            await lockConversations.DisposeAsync();
            await readConversation.DisposeAsync();
            await readReplyTarget.DisposeAsync();
            await readResent.DisposeAsync();
            await insert.DisposeAsync();
            await db.DisposeAsync();
        }

        private NpgsqlCommand Command(string sql, params (string Name, NpgsqlDbType Type)[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, type) in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter(name, type));
            }

            return command;
        }
    }
}
