using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;
using LibrarianDesk.Data;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LibrarianDesk.Features.Conversations;

/// <summary>
/// Commits chat messages in groups: every patron message, and a librarian's usual reply. One loop takes
/// every message waiting, writes them all in one transaction on its own open connection with prepared
/// statements, and only after the commit answers each caller, so an acknowledged message is always
/// stored. These are the desk's hottest writes: going through EF for each message cost four times the
/// CPU of the statements themselves (a patron message capped the desk near 1,000 a second on two cores;
/// a reply took 0.85 ms where its statements take 0.15, docs/performance.md). Each message is still
/// checked one by one inside the transaction and takes the next sequence number of its conversation
/// (<see cref="Conversation.SequenceAfter"/>, as the domain's append): a patron's against its token, a
/// resend of the same client id and <see cref="Conversation.Accepts"/>; a reply only when its author owns
/// the active conversation and has answered it before. Any other reply (a waiting conversation to claim,
/// the first response and its metric, a conversation taken or ended) is handed back undone, for
/// <see cref="LibrarianChat"/> to write through the domain model.
/// </summary>
public sealed partial class ChatMessageWriter : IAsyncDisposable
{
    /// <summary>Enough to drain a burst in a few transactions; small enough that one transaction stays short for readers.</summary>
    private const int MaxBatch = 256;

    private readonly IDbContextFactory<DeskDbContext> dbFactory;
    private readonly SqliteWriteGate writes;
    private readonly TimeProvider time;
    private readonly ILogger<ChatMessageWriter> logger;
    private readonly Channel<PendingMessage> queue =
        Channel.CreateUnbounded<PendingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task loop;

    public ChatMessageWriter(IDbContextFactory<DeskDbContext> dbFactory, SqliteWriteGate writes, TimeProvider time, ILogger<ChatMessageWriter> logger)
    {
        this.dbFactory = dbFactory;
        this.writes = writes;
        this.time = time;
        this.logger = logger;
        loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Completes once the message is committed, or with the reason it was refused (nothing stored then).</summary>
    public async Task<WrittenMessage> AppendPatronMessageAsync(Guid conversationId, string? patronToken, string text, string clientMessageId) =>
        (await EnqueueAsync(new PendingMessage(conversationId, MessageAuthor.Patron, patronToken, null, text, clientMessageId)))!;

    /// <summary>
    /// Completes once the reply is committed; with null, nothing stored, when the reply is not the usual
    /// one (see the class) and needs the domain model.
    /// </summary>
    /// <param name="text">Already checked with <see cref="ChatMessage.ValidText"/>.</param>
    public Task<WrittenMessage?> AppendUsualReplyAsync(Guid conversationId, string librarianId, string text, string? clientMessageId) =>
        EnqueueAsync(new PendingMessage(conversationId, MessageAuthor.Librarian, null, librarianId, text, clientMessageId));

    private Task<WrittenMessage?> EnqueueAsync(PendingMessage pending) =>
        queue.Writer.TryWrite(pending)
            ? pending.Done.Task
            : Task.FromException<WrittenMessage?>(new ObjectDisposedException(nameof(ChatMessageWriter)));

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
    }

    private async Task WriteLoopAsync()
    {
        IStatements? statements = null;
        var batch = new List<PendingMessage>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync())
            {
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                try
                {
                    statements ??= await OpenStatementsAsync(dbFactory);
                    await WriteAsync(statements, batch);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The connection itself failed (a full disk, a file gone): nobody is acknowledged, the widgets
                    // resend. The loop goes on, so no later sender waits for an answer that never comes.
                    LogBatchFailed(logger, ex, batch.Count);
                    foreach (var pending in batch)
                    {
                        pending.Done.TrySetException(ex);
                    }

                    if (statements is not null)
                    {
                        await statements.DisposeAsync();
                        statements = null;
                    }
                }

                batch.Clear();
            }
        }
        finally
        {
            if (statements is not null)
            {
                await statements.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// One transaction for the whole group. Should a statement fail for one message, the group is written
    /// again one message per transaction, so that only that message is refused.
    /// </summary>
    private async Task WriteAsync(IStatements statements, List<PendingMessage> batch)
    {
        var outcomes = new Outcome[batch.Count];
        try
        {
            using (await writes.EnterAsync())
            {
                await using var transaction = await statements.BeginAsync(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    outcomes[i] = Append(statements, batch[i]);
                }

                await statements.WritePendingAsync();
                await transaction.CommitAsync();
            }
        }
        catch (DbException) when (batch.Count > 1)
        {
            foreach (var pending in batch)
            {
                await WriteAsync(statements, [pending]);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Refusal is { } refusal)
            {
                batch[i].Done.TrySetException(refusal);
            }
            else
            {
                batch[i].Done.TrySetResult(outcomes[i].Message);
            }
        }
    }

    private Outcome Append(IStatements statements, PendingMessage pending) =>
        pending.Author == MessageAuthor.Patron ? AppendPatronMessage(statements, pending) : AppendUsualReply(statements, pending);

    private Outcome AppendPatronMessage(IStatements statements, PendingMessage pending)
    {
        var conversation = statements.ReadConversation(pending.ConversationId);
        if (conversation is not { } found || !PatronToken.Matches(pending.PatronToken, found.TokenHash))
        {
            return new Outcome(null, PatronRequestException.NotYours());
        }

        if (statements.ReadResent(pending.ConversationId, pending.ClientMessageId) is { } earlier)
        {
            return new Outcome(new WrittenMessage(earlier, IsResend: true), null);
        }

        if (!Conversation.Accepts(found.Status, MessageAuthor.Patron))
        {
            return new Outcome(null, new PatronRequestException(PatronHubContract.ErrorCodes.Closed, "Patron_Error_ConversationEnded"));
        }

        return Insert(statements, pending, found.LastSequence, authorName: null);
    }

    private Outcome AppendUsualReply(IStatements statements, PendingMessage pending)
    {
        // Metrics are recorded at the claim and the first response and do not change with later replies.
        if (statements.ReadReplyTarget(pending.ConversationId) is not { Status: ConversationStatus.Active, HasFirstResponse: true } target
            || target.OwnerId != pending.LibrarianId)
        {
            return default;
        }

        if (statements.ReadResent(pending.ConversationId, pending.ClientMessageId) is { } earlier)
        {
            return new Outcome(new WrittenMessage(earlier, IsResend: true, target.OwnerName), null);
        }

        return Insert(statements, pending, target.LastSequence, target.OwnerName);
    }

    private Outcome Insert(IStatements statements, PendingMessage pending, int lastSequence, string? authorName)
    {
        var message = statements.Insert(pending, Conversation.SequenceAfter(lastSequence), time.GetStoredUtcNow());
        return new Outcome(new WrittenMessage(message, IsResend: false, authorName), null);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} chat messages failed; none was acknowledged")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    private sealed record PendingMessage(
        Guid ConversationId, MessageAuthor Author, string? PatronToken, string? LibrarianId, string Text, string? ClientMessageId)
    {
        public TaskCompletionSource<WrittenMessage?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Neither a message nor a refusal: a reply handed back undone.</summary>
    private readonly record struct Outcome(WrittenMessage? Message, PatronRequestException? Refusal);

    private readonly record struct ConversationRow(ConversationStatus Status, string TokenHash, int LastSequence);

    private readonly record struct ReplyTarget(ConversationStatus Status, string? OwnerId, string? OwnerName, bool HasFirstResponse, int LastSequence);

    /// <summary>Status, PatronTokenHash, LastSequence.</summary>
    private static ConversationRow ReadConversationRow(DbDataReader reader) =>
        new((ConversationStatus)reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2));

    /// <summary>Status, OwnerId, the owner's DisplayName, whether FirstResponseAt is set, LastSequence.</summary>
    private static ReplyTarget ReadReplyTargetRow(DbDataReader reader) =>
        new((ConversationStatus)reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3), reader.GetInt32(4));

    /// <summary>Id, Sequence, Author, AuthorId, Text, SentAt (UTC milliseconds, as EF stores every time).</summary>
    private static ChatMessage ReadMessage(DbDataReader reader, Guid conversationId, string clientMessageId) =>
        ChatMessage.Committed(reader.GetInt64(0), conversationId, reader.GetInt32(1), (MessageAuthor)reader.GetInt32(2),
            reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
            clientMessageId);

    private static ChatMessage Committed(long id, PendingMessage pending, int sequence, DateTimeOffset sentAt) =>
        ChatMessage.Committed(id, pending.ConversationId, sequence, pending.Author, pending.LibrarianId, pending.Text, sentAt, pending.ClientMessageId);

    /// <summary>The writer's own connection, opened through EF so that it gets the desk's settings for its engine.</summary>
    private static async Task<IStatements> OpenStatementsAsync(IDbContextFactory<DeskDbContext> dbFactory)
    {
        var db = await dbFactory.CreateDbContextAsync();
        try
        {
            await db.Database.OpenConnectionAsync();
            return db.Database.GetDbConnection() switch
            {
                SqliteConnection sqlite => new SqliteStatements(db, sqlite),
                NpgsqlConnection postgreSql => new PostgreSqlStatements(db, postgreSql),
                var other => throw new NotSupportedException($"No chat message writer for {other.GetType().Name}."),
            };
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>The writer's statements on one engine; each owns the context it was opened with.</summary>
    private interface IStatements : IAsyncDisposable
    {
        /// <summary>A transaction for the group, after which each conversation in it has one writer until the commit.</summary>
        ValueTask<DbTransaction> BeginAsync(IReadOnlyList<PendingMessage> batch);

        ConversationRow? ReadConversation(Guid conversationId);

        ReplyTarget? ReadReplyTarget(Guid conversationId);

        ChatMessage? ReadResent(Guid conversationId, string? clientMessageId);

        /// <summary>
        /// The message as it will be stored, its id included, so that it can be shown without reading it back; in the
        /// database at the latest after <see cref="WritePendingAsync"/>.
        /// </summary>
        ChatMessage Insert(PendingMessage pending, int sequence, DateTimeOffset sentAt);

        /// <summary>Writes what the group's inserts left pending; called once, just before the commit.</summary>
        ValueTask WritePendingAsync();
    }

    /// <summary>
    /// Prepared statements on SQLite, where the process-wide write queue (<see cref="SqliteWriteGate"/>) already makes
    /// this loop the only writer, so the last sequence number read is still the last one at the insert.
    /// </summary>
    private sealed class SqliteStatements : IStatements
    {
        private readonly DeskDbContext db;
        private readonly SqliteConnection connection;
        private readonly SqliteCommand readConversation;
        private readonly SqliteCommand readReplyTarget;
        private readonly SqliteCommand readResent;
        private readonly SqliteCommand insert;

        public SqliteStatements(DeskDbContext db, SqliteConnection connection)
        {
            this.db = db;
            this.connection = connection;
            readConversation = Command("SELECT Status, PatronTokenHash, LastSequence FROM Conversations WHERE Id = $id", "$id");
            readReplyTarget = Command(
                """
                SELECT c.Status, c.OwnerId, u.DisplayName, c.FirstResponseAt IS NOT NULL, c.LastSequence
                FROM Conversations AS c LEFT JOIN AspNetUsers AS u ON u.Id = c.OwnerId
                WHERE c.Id = $id
                """,
                "$id");
            readResent = Command(
                "SELECT Id, Sequence, Author, AuthorId, Text, SentAt FROM ChatMessages WHERE ConversationId = $id AND ClientMessageId = $client",
                "$id", "$client");
            insert = Command(
                """
                UPDATE Conversations SET LastSequence = $sequence WHERE Id = $id;
                INSERT INTO ChatMessages (ConversationId, Sequence, Author, AuthorId, Text, ClientMessageId, SentAt)
                VALUES ($id, $sequence, $author, $authorId, $text, $client, $sentAt)
                RETURNING Id;
                """,
                "$id", "$sequence", "$author", "$authorId", "$text", "$client", "$sentAt");
        }

        public ValueTask<DbTransaction> BeginAsync(IReadOnlyList<PendingMessage> batch)
        {
            var transaction = connection.BeginTransaction();
            readConversation.Transaction = transaction;
            readReplyTarget.Transaction = transaction;
            readResent.Transaction = transaction;
            insert.Transaction = transaction;
            return ValueTask.FromResult<DbTransaction>(transaction);
        }

        public ConversationRow? ReadConversation(Guid conversationId)
        {
            readConversation.Parameters["$id"].Value = Key(conversationId);
            using var reader = readConversation.ExecuteReader();
            return reader.Read() ? ReadConversationRow(reader) : null;
        }

        public ReplyTarget? ReadReplyTarget(Guid conversationId)
        {
            readReplyTarget.Parameters["$id"].Value = Key(conversationId);
            using var reader = readReplyTarget.ExecuteReader();
            return reader.Read() ? ReadReplyTargetRow(reader) : null;
        }

        public ChatMessage? ReadResent(Guid conversationId, string? clientMessageId)
        {
            if (clientMessageId is null)
            {
                return null;
            }

            readResent.Parameters["$id"].Value = Key(conversationId);
            readResent.Parameters["$client"].Value = clientMessageId;
            using var reader = readResent.ExecuteReader();
            return reader.Read() ? ReadMessage(reader, conversationId, clientMessageId) : null;
        }

        public ChatMessage Insert(PendingMessage pending, int sequence, DateTimeOffset sentAt)
        {
            insert.Parameters["$id"].Value = Key(pending.ConversationId);
            insert.Parameters["$sequence"].Value = sequence;
            insert.Parameters["$author"].Value = (int)pending.Author;
            insert.Parameters["$authorId"].Value = (object?)pending.LibrarianId ?? DBNull.Value;
            insert.Parameters["$text"].Value = pending.Text;
            insert.Parameters["$client"].Value = (object?)pending.ClientMessageId ?? DBNull.Value;
            insert.Parameters["$sentAt"].Value = sentAt.ToUnixTimeMilliseconds();
            var id = (long)insert.ExecuteScalar()!;
            return Committed(id, pending, sequence, sentAt);
        }

        /// <summary>Nothing: each insert is written at once, SQLite being in this process.</summary>
        public ValueTask WritePendingAsync() => ValueTask.CompletedTask;

        public async ValueTask DisposeAsync()
        {
            await readConversation.DisposeAsync();
            await readReplyTarget.DisposeAsync();
            await readResent.DisposeAsync();
            await insert.DisposeAsync();
            await db.DisposeAsync();
        }

        /// <summary>EF stores a Guid as upper-case text.</summary>
        private static string Key(Guid id) => id.ToString().ToUpperInvariant();

        private SqliteCommand Command(string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            return command;
        }
    }
}

/// <summary>
/// A message as committed; <see cref="IsResend"/> when it was stored before under the same client id;
/// <see cref="AuthorName"/> the librarian's name on a reply (as the patron sees it) or a note.
/// </summary>
public sealed record WrittenMessage(ChatMessage Message, bool IsResend, string? AuthorName = null)
{
    public int Sequence => Message.Sequence;

    public DateTimeOffset SentAt => Message.SentAt;

    public string Text => Message.Text;

    /// <summary>The message as the librarians' workspace shows it.</summary>
    public TranscriptLine Line => new(Message, AuthorName);
}
