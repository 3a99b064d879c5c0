using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace LibrarianDesk.Bench.Hosting;

/// <summary>
/// What the echo hub keeps when it runs durable: every message committed to SQLite before anyone hears
/// of it, one transaction each on one writer connection, with the desk's durability (WAL,
/// <c>synchronous = NORMAL</c>, the log copied into the file once a second on a second connection
/// instead of inside a commit). A floor for any chat that stores what it acknowledges: one narrow table
/// with no index but its rowid, no full-text index, no ownership or sequence to check.
/// </summary>
public sealed class EchoStore : IAsyncDisposable
{
    private readonly string directory;
    private readonly SqliteConnection connection;
    private readonly Channel<(Guid ConversationId, bool FromLibrarian, string Text, TaskCompletionSource Done)> queue =
        Channel.CreateUnbounded<(Guid, bool, string, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private readonly Task checkpoints;

    private EchoStore(string directory, SqliteConnection connection)
    {
        this.directory = directory;
        this.connection = connection;
        loop = Task.Run(WriteLoopAsync);
        checkpoints = Task.Run(CheckpointLoopAsync);
    }

    private static string DatabaseIn(string directory) => Path.Combine(directory, "echo.db");

    public static async Task<EchoStore> OpenAsync()
    {
        var directory = LoopbackDesk.NewDataDirectory("librariandesk-echo");
        Directory.CreateDirectory(directory);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DatabaseIn(directory),
            Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        await using var schema = connection.CreateCommand();
        schema.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA wal_autocheckpoint = 0;
            CREATE TABLE Messages (Id INTEGER PRIMARY KEY, ConversationId TEXT NOT NULL, FromLibrarian INTEGER NOT NULL, Text TEXT NOT NULL, SentAt INTEGER NOT NULL);
            """;
        await schema.ExecuteNonQueryAsync();
        return new EchoStore(directory, connection);
    }

    /// <summary>Completes once the message is committed.</summary>
    public Task CommitAsync(Guid conversationId, bool fromLibrarian, string text)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Writer.TryWrite((conversationId, fromLibrarian, text, done));
        return done.Task;
    }

    private async Task WriteLoopAsync()
    {
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO Messages (ConversationId, FromLibrarian, Text, SentAt) VALUES ($conversation, $fromLibrarian, $text, $sentAt)";
        var conversation = insert.Parameters.Add("$conversation", SqliteType.Text);
        var fromLibrarian = insert.Parameters.Add("$fromLibrarian", SqliteType.Integer);
        var text = insert.Parameters.Add("$text", SqliteType.Text);
        var sentAt = insert.Parameters.Add("$sentAt", SqliteType.Integer);
        await foreach (var message in queue.Reader.ReadAllAsync())
        {
            try
            {
                await using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                conversation.Value = message.ConversationId.ToString();
                fromLibrarian.Value = message.FromLibrarian;
                text.Value = message.Text;
                sentAt.Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                await insert.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
                message.Done.SetResult();
            }
            catch (SqliteException ex)
            {
                message.Done.SetException(ex);
            }
        }
    }

    private async Task CheckpointLoopAsync()
    {
        await using var checkpointer = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabaseIn(directory), Pooling = false }.ToString());
        await checkpointer.OpenAsync();
        await using var checkpoint = checkpointer.CreateCommand();
        checkpoint.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA wal_checkpoint(PASSIVE);";
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                await checkpoint.ExecuteNonQueryAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
        await stopping.CancelAsync();
        await checkpoints;
        stopping.Dispose();
        await connection.DisposeAsync();
        LoopbackDesk.DeleteDataDirectory(directory);
    }
}
