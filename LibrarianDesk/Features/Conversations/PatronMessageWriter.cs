using System.Globalization;
using System.Threading.Channels;
using LibrarianDesk.Data;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Conversations;

/// <summary>
/// Commits patrons' messages in groups. One loop takes every message waiting, writes them all in one
/// transaction on its own open connection with prepared statements, and only after the commit answers
/// each caller, so an acknowledged message is always stored. This is the hottest write of the desk: going
/// through EF for each message cost four times the CPU of the statements themselves and capped the desk
/// near 1,000 messages a second on two cores (docs/performance.md). Each message is still checked one by
/// one inside the transaction (the patron's token, a resend of the same client id, an ended conversation)
/// with the rule <see cref="Conversation.Accepts"/>, and takes the next sequence number of its conversation.
/// </summary>
public sealed partial class PatronMessageWriter : IAsyncDisposable
{
    /// <summary>Enough to drain a burst in a few transactions; small enough that one transaction stays short for readers.</summary>
    private const int MaxBatch = 256;

    private readonly IDbContextFactory<DeskDbContext> dbFactory;
    private readonly SqliteWriteGate writes;
    private readonly TimeProvider time;
    private readonly ILogger<PatronMessageWriter> logger;
    private readonly Channel<PendingMessage> queue =
        Channel.CreateUnbounded<PendingMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task loop;

    public PatronMessageWriter(IDbContextFactory<DeskDbContext> dbFactory, SqliteWriteGate writes, TimeProvider time, ILogger<PatronMessageWriter> logger)
    {
        this.dbFactory = dbFactory;
        this.writes = writes;
        this.time = time;
        this.logger = logger;
        loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>Completes once the message is committed, or with the reason it was refused (nothing stored then).</summary>
    public Task<WrittenPatronMessage> AppendAsync(Guid conversationId, string? patronToken, string text, string clientMessageId)
    {
        var pending = new PendingMessage(conversationId, patronToken, text, clientMessageId);
        return queue.Writer.TryWrite(pending)
            ? pending.Done.Task
            : Task.FromException<WrittenPatronMessage>(new ObjectDisposedException(nameof(PatronMessageWriter)));
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
    }

    private async Task WriteLoopAsync()
    {
        Statements? statements = null;
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
                    statements ??= await Statements.OpenAsync(dbFactory);
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
    private async Task WriteAsync(Statements statements, List<PendingMessage> batch)
    {
        var outcomes = new Outcome[batch.Count];
        try
        {
            using (await writes.EnterAsync())
            {
                using var transaction = statements.Begin();
                for (var i = 0; i < batch.Count; i++)
                {
                    outcomes[i] = Append(statements, batch[i]);
                }

                transaction.Commit();
            }
        }
        catch (SqliteException) when (batch.Count > 1)
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
                batch[i].Done.TrySetResult(outcomes[i].Message!);
            }
        }
    }

    private Outcome Append(Statements statements, PendingMessage pending)
    {
        var conversation = statements.ReadConversation(pending.ConversationId);
        if (conversation is not { } found || !PatronToken.Matches(pending.PatronToken, found.TokenHash))
        {
            return new Outcome(null, PatronRequestException.NotYours());
        }

        if (statements.ReadResent(pending.ConversationId, pending.ClientMessageId) is { } earlier)
        {
            return new Outcome(earlier, null);
        }

        if (!Conversation.Accepts(found.Status, MessageAuthor.Patron))
        {
            return new Outcome(null, new PatronRequestException(PatronHubContract.ErrorCodes.Closed, "Patron_Error_ConversationEnded"));
        }

        var message = new WrittenPatronMessage(found.LastSequence + 1, time.GetStoredUtcNow(), pending.Text, IsResend: false);
        statements.Insert(pending.ConversationId, message, pending.ClientMessageId);
        return new Outcome(message, null);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} patron messages failed; none was acknowledged")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    private sealed record PendingMessage(Guid ConversationId, string? PatronToken, string Text, string ClientMessageId)
    {
        public TaskCompletionSource<WrittenPatronMessage> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly record struct Outcome(WrittenPatronMessage? Message, PatronRequestException? Refusal);

    private readonly record struct ConversationRow(ConversationStatus Status, string TokenHash, int LastSequence);

    /// <summary>The writer's own connection (opened through EF, so it gets the desk's SQLite settings) and its prepared statements.</summary>
    private sealed class Statements : IAsyncDisposable
    {
        private readonly DeskDbContext db;
        private readonly SqliteConnection connection;
        private readonly SqliteCommand readConversation;
        private readonly SqliteCommand readResent;
        private readonly SqliteCommand insert;

        private Statements(DeskDbContext db, SqliteConnection connection)
        {
            this.db = db;
            this.connection = connection;
            readConversation = Command("SELECT Status, PatronTokenHash, LastSequence FROM Conversations WHERE Id = $id", "$id");
            readResent = Command(
                "SELECT Sequence, SentAt, Text FROM ChatMessages WHERE ConversationId = $id AND ClientMessageId = $client", "$id", "$client");
            insert = Command(
                """
                UPDATE Conversations SET LastSequence = $sequence WHERE Id = $id;
                INSERT INTO ChatMessages (ConversationId, Sequence, Author, AuthorId, Text, ClientMessageId, SentAt)
                VALUES ($id, $sequence, $author, NULL, $text, $client, $sentAt);
                """,
                "$id", "$sequence", "$author", "$text", "$client", "$sentAt");
            insert.Parameters["$author"].Value = (int)MessageAuthor.Patron;
        }

        public static async Task<Statements> OpenAsync(IDbContextFactory<DeskDbContext> dbFactory)
        {
            var db = await dbFactory.CreateDbContextAsync();
            try
            {
                await db.Database.OpenConnectionAsync();
                return new Statements(db, (SqliteConnection)db.Database.GetDbConnection());
            }
            catch
            {
                await db.DisposeAsync();
                throw;
            }
        }

        public SqliteTransaction Begin()
        {
            var transaction = connection.BeginTransaction();
            readConversation.Transaction = transaction;
            readResent.Transaction = transaction;
            insert.Transaction = transaction;
            return transaction;
        }

        public ConversationRow? ReadConversation(Guid conversationId)
        {
            readConversation.Parameters["$id"].Value = Key(conversationId);
            using var reader = readConversation.ExecuteReader();
            return reader.Read() ? new ConversationRow((ConversationStatus)reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2)) : null;
        }

        public WrittenPatronMessage? ReadResent(Guid conversationId, string clientMessageId)
        {
            readResent.Parameters["$id"].Value = Key(conversationId);
            readResent.Parameters["$client"].Value = clientMessageId;
            using var reader = readResent.ExecuteReader();
            return reader.Read()
                ? new WrittenPatronMessage(reader.GetInt32(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2), IsResend: true)
                : null;
        }

        public void Insert(Guid conversationId, WrittenPatronMessage message, string clientMessageId)
        {
            insert.Parameters["$id"].Value = Key(conversationId);
            insert.Parameters["$sequence"].Value = message.Sequence;
            insert.Parameters["$text"].Value = message.Text;
            insert.Parameters["$client"].Value = clientMessageId;
            insert.Parameters["$sentAt"].Value = message.SentAt.ToUnixTimeMilliseconds();
            insert.ExecuteNonQuery();
        }

        public async ValueTask DisposeAsync()
        {
            await readConversation.DisposeAsync();
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

/// <summary>A patron's message as committed; <see cref="IsResend"/> when it was stored before under the same client id.</summary>
public sealed record WrittenPatronMessage(int Sequence, DateTimeOffset SentAt, string Text, bool IsResend);
