using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using LibrarianDesk.Bench.Clients;
using LibrarianDesk.Bench.Hosting;
using LibrarianDesk.Bench.Measuring;
using LibrarianDesk.Bench.Reporting;
using LibrarianDesk.Data;
using LibrarianDesk.Shared.Conversations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// Scenario 3: patron messages at rising fixed rates (open loop: sends do not wait for earlier acks);
/// a rate holds when every message is acknowledged and committed and the ack p99 is under 100 ms.
/// Baseline: the same rates as raw transactions (insert the message, advance the conversation's sequence) on
/// one writer connection to the desk's own database: Microsoft.Data.Sqlite on the same file with the same
/// pragmas, or Npgsql on the same PostgreSQL database.
/// </summary>
public sealed class MessagePersistence : IScenario
{
    public string Name => "persistence";

    private const double P99LimitMs = 100;

    public async Task RunAsync(BenchOptions options, BenchReport report, ProgressLog progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(progress);
        if (options.Url is not null)
        {
            report.Note("persistence: skipped with --url (the baseline writes the same database file).");
            return;
        }

        int[] rates = options.Quick ? [100, 300] : [500, 1000, 2000, 3000, 4000, 6000, 8000];
        var step = options.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(8);
        var conversations = options.Quick ? 50 : 500;

        await using var desk = DeskHost.For(options);
        await desk.StartAsync();
        var patrons = await BenchPatrons.ConnectManyAsync(conversations, _ => new DeskPatron(desk.BaseAddress), null, cancellationToken);
        try
        {
            await Parallel.ForEachAsync(patrons, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
                async (p, ct) => await p.StartConversationAsync("Halo, saya ingin bertanya.", _ => { }, ct));

            // One unmeasured step first on each side: compiled code paths and warm caches, not start-up, are measured.
            var warmUp = await RunStepAsync(rates[0], step, patrons.Count, (i, text, ct) => patrons[i].SendAsync(text, ct), cancellationToken);
            var deskSteps = new List<Step>();
            foreach (var rate in rates)
            {
                var result = await RunStepAsync(rate, step, patrons.Count,
                    (i, text, ct) => patrons[i].SendAsync(text, ct), cancellationToken);
                deskSteps.Add(result);
                progress.Say(Name, $"LibrarianDesk {rate}/s: {result.Acknowledged}/{result.Sent} acked, p99 {result.Latency.P99:0.#} ms");
                if (!result.Holds)
                {
                    break;
                }
            }

            var committed = await CountPatronMessagesAsync(desk, cancellationToken);
            var acknowledged = deskSteps.Sum(s => s.Acknowledged) + warmUp.Acknowledged;

            await using var writer = await RawWriter.OpenAsync(desk, patrons.Select(p => p.ConversationId).ToList(), cancellationToken);
            await RunStepAsync(rates[0], step, patrons.Count, writer.WriteAsync, cancellationToken);
            var rawSteps = new List<Step>();
            foreach (var rate in rates)
            {
                var result = await RunStepAsync(rate, step, patrons.Count, writer.WriteAsync, cancellationToken);
                rawSteps.Add(result);
                progress.Say(Name, $"raw {desk.Engine} {rate}/s: {result.Acknowledged}/{result.Sent} acked, p99 {result.Latency.P99:0.#} ms");
                if (!result.Holds)
                {
                    break;
                }
            }

            var best = Best(deskSteps);
            var bestRaw = Best(rawSteps);
            report.Add(new ResultRow(Name, $"{conversations} conversations", "highest rate held (all acked, p99 < 100 ms)", "msg/s",
                best?.Rate ?? 0, bestRaw?.Rate ?? 0, options.Quick ? null : "≥ 2,000 msg/s", options.Quick ? null : (best?.Rate ?? 0) >= 2000));
            foreach (var rate in rates)
            {
                var d = deskSteps.FirstOrDefault(s => s.Rate == rate);
                var r = rawSteps.FirstOrDefault(s => s.Rate == rate);
                if (d is null && r is null)
                {
                    continue;
                }

                report.Add(new ResultRow(Name, string.Create(CultureInfo.InvariantCulture, $"{rate} msg/s offered"), "ack p99 (achieved rate)", "ms",
                    d?.Latency.P99 ?? double.NaN, r?.Latency.P99,
                    null, null));
                report.Add(new ResultRow(Name, string.Create(CultureInfo.InvariantCulture, $"{rate} msg/s offered"), "achieved rate", "msg/s",
                    d?.AchievedRate ?? double.NaN, r?.AchievedRate));
            }

            report.Check(new CorrectnessCheck(Name, "every acknowledged patron message is committed",
                committed == acknowledged + conversations && acknowledged > 0,
                string.Create(CultureInfo.InvariantCulture, $"acknowledged {acknowledged}, patron messages in the database {committed} (including one opening message per conversation: {conversations})")));
        }
        finally
        {
            await BenchPatrons.DisposeAllAsync(patrons);
        }
    }

    private static Step? Best(List<Step> steps) => steps.Where(s => s.Holds).MaxBy(s => s.Rate);

    private static async Task<long> CountPatronMessagesAsync(DeskHost desk, CancellationToken cancellationToken)
    {
        await using var db = desk.CreateDbContext();
        return await db.ChatMessages.LongCountAsync(m => m.Author == MessageAuthor.Patron, cancellationToken);
    }

    /// <summary>Offers <paramref name="rate"/> messages a second for <paramref name="duration"/>, spread over the conversations.</summary>
    private static async Task<Step> RunStepAsync(
        int rate, TimeSpan duration, int conversations, Func<int, string, CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        var latencies = new Latencies();
        long acknowledged = 0;
        long failed = 0;
        var total = (int)(rate * duration.TotalSeconds);
        var started = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = started + (long)(i / (double)rate * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            var conversation = i % conversations;
            var text = string.Create(CultureInfo.InvariantCulture, $"Pesan {i}: apakah koleksi ini bisa dipinjam untuk dibaca di rumah?");
            inFlight.Add(SendOneAsync(send, conversation, text, due, latencies, () => Interlocked.Increment(ref acknowledged), () => Interlocked.Increment(ref failed), cancellationToken));
        }

        await Task.WhenAll(inFlight);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var summary = latencies.Summarise();
        return new Step(rate, total, acknowledged, failed, summary, acknowledged / seconds);
    }

    private static async Task SendOneAsync(
        Func<int, string, CancellationToken, Task> send, int conversation, string text, long due, Latencies latencies,
        Action acknowledged, Action failed, CancellationToken cancellationToken)
    {
        try
        {
            await send(conversation, text, cancellationToken);
            latencies.Since(due);
            acknowledged();
        }
        catch (Exception ex) when (ex is HubException or DbException)
        {
            failed();
        }
    }

    private sealed record Step(int Rate, int Sent, long Acknowledged, long Failed, LatencySummary Latency, double AchievedRate)
    {
        public bool Holds => Failed == 0 && Acknowledged == Sent && Latency.P99 < P99LimitMs;
    }

    /// <summary>
    /// The baseline writer: one connection, one transaction per message, acknowledged after commit, through
    /// the engine's <see cref="IRawStatements"/>.
    /// </summary>
    private sealed class RawWriter : IAsyncDisposable
    {
        private readonly IRawStatements statements;
        private readonly IReadOnlyList<Guid> conversations;
        private readonly Dictionary<Guid, int> sequences;
        private readonly Channel<(int Conversation, string Text, TaskCompletionSource Done)> queue =
            Channel.CreateUnbounded<(int, string, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Task loop;

        private RawWriter(IRawStatements statements, IReadOnlyList<Guid> conversations, Dictionary<Guid, int> sequences)
        {
            this.statements = statements;
            this.conversations = conversations;
            this.sequences = sequences;
            loop = Task.Run(WriteLoopAsync);
        }

        public static async Task<RawWriter> OpenAsync(DeskHost desk, IReadOnlyList<Guid> conversations, CancellationToken cancellationToken)
        {
            IRawStatements statements = desk.Provider == DatabaseProvider.PostgreSql
                ? await PostgreSqlStatements.OpenAsync(desk.PostgreSqlConnectionString, cancellationToken)
                : await SqliteStatements.OpenAsync(desk.DatabasePath, cancellationToken);
            return new RawWriter(statements, conversations, await statements.ReadSequencesAsync(cancellationToken));
        }

        public Task WriteAsync(int conversation, string text, CancellationToken cancellationToken)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            queue.Writer.TryWrite((conversation, text, done));
            return done.Task;
        }

        private async Task WriteLoopAsync()
        {
            await foreach (var (index, body, done) in queue.Reader.ReadAllAsync())
            {
                try
                {
                    var id = conversations[index];
                    var next = sequences[id] + 1;
                    await statements.WriteAsync(id, next, body);
                    sequences[id] = next;
                    done.SetResult();
                }
                catch (DbException ex)
                {
                    done.SetException(ex);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            queue.Writer.TryComplete();
            await loop;
            await statements.DisposeAsync();
        }
    }

    /// <summary>One engine's statements for the baseline writer: every conversation's last sequence, and one message in a transaction of its own.</summary>
    private interface IRawStatements : IAsyncDisposable
    {
        Task<Dictionary<Guid, int>> ReadSequencesAsync(CancellationToken cancellationToken);

        Task WriteAsync(Guid conversation, int sequence, string text);
    }

    /// <summary>
    /// Same pragmas as <c>SqliteConnectionPragmas</c> (WAL, synchronous NORMAL, foreign keys, busy timeout, no
    /// checkpoint inside a commit: the desk's <c>WalCheckpointer</c>, running on the same file, copies the log).
    /// </summary>
    private sealed class SqliteStatements : IRawStatements
    {
        private readonly SqliteConnection connection;
        private readonly SqliteCommand insert;
        private readonly SqliteParameter conversation;
        private readonly SqliteParameter sequence;
        private readonly SqliteParameter text;
        private readonly SqliteParameter client;
        private readonly SqliteParameter sentAt;

        private SqliteStatements(SqliteConnection connection)
        {
            this.connection = connection;
            insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO ChatMessages (ConversationId, Sequence, Author, AuthorId, Text, ClientMessageId, SentAt)
                VALUES ($conversation, $sequence, 0, NULL, $text, $client, $sentAt);
                UPDATE Conversations SET LastSequence = $sequence WHERE Id = $conversation;
                """;
            conversation = insert.Parameters.Add("$conversation", SqliteType.Text);
            sequence = insert.Parameters.Add("$sequence", SqliteType.Integer);
            text = insert.Parameters.Add("$text", SqliteType.Text);
            client = insert.Parameters.Add("$client", SqliteType.Text);
            sentAt = insert.Parameters.Add("$sentAt", SqliteType.Integer);
        }

        public static async Task<SqliteStatements> OpenAsync(string databasePath, CancellationToken cancellationToken)
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken);
            await using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0;";
                await pragmas.ExecuteNonQueryAsync(cancellationToken);
            }

            return new SqliteStatements(connection);
        }

        public async Task<Dictionary<Guid, int>> ReadSequencesAsync(CancellationToken cancellationToken)
        {
            var sequences = new Dictionary<Guid, int>();
            await using var read = connection.CreateCommand();
            read.CommandText = "SELECT Id, LastSequence FROM Conversations";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                sequences[Guid.Parse(reader.GetString(0))] = reader.GetInt32(1);
            }

            return sequences;
        }

        public async Task WriteAsync(Guid conversationId, int next, string body)
        {
            await using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            conversation.Value = conversationId.ToString().ToUpperInvariant();
            sequence.Value = next;
            text.Value = body;
            client.Value = Guid.NewGuid().ToString("N");
            sentAt.Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await insert.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    /// <summary>The desk's own statement on PostgreSQL (<c>ChatMessageWriter.PostgreSql</c>: the sequence bumped and the message inserted in one), prepared once.</summary>
    private sealed class PostgreSqlStatements : IRawStatements
    {
        private readonly NpgsqlConnection connection;
        private readonly NpgsqlCommand insert;

        private PostgreSqlStatements(NpgsqlConnection connection, NpgsqlCommand insert)
        {
            this.connection = connection;
            this.insert = insert;
        }

        public static async Task<PostgreSqlStatements> OpenAsync(string connectionString, CancellationToken cancellationToken)
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            var insert = new NpgsqlCommand("""
                WITH bumped AS (UPDATE "Conversations" SET "LastSequence" = @sequence WHERE "Id" = @conversation)
                INSERT INTO "ChatMessages" ("ConversationId", "Sequence", "Author", "AuthorId", "Text", "ClientMessageId", "SentAt")
                VALUES (@conversation, @sequence, 0, NULL, @text, @client, @sentAt)
                """, connection);
            insert.Parameters.Add(new NpgsqlParameter("conversation", NpgsqlDbType.Uuid));
            insert.Parameters.Add(new NpgsqlParameter("sequence", NpgsqlDbType.Integer));
            insert.Parameters.Add(new NpgsqlParameter("text", NpgsqlDbType.Text));
            insert.Parameters.Add(new NpgsqlParameter("client", NpgsqlDbType.Varchar));
            insert.Parameters.Add(new NpgsqlParameter("sentAt", NpgsqlDbType.Bigint));
            await insert.PrepareAsync(cancellationToken);
            return new PostgreSqlStatements(connection, insert);
        }

        public async Task<Dictionary<Guid, int>> ReadSequencesAsync(CancellationToken cancellationToken)
        {
            var sequences = new Dictionary<Guid, int>();
            await using var read = new NpgsqlCommand("""SELECT "Id", "LastSequence" FROM "Conversations" """, connection);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                sequences[reader.GetGuid(0)] = reader.GetInt32(1);
            }

            return sequences;
        }

        public async Task WriteAsync(Guid conversation, int sequence, string text)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            insert.Transaction = transaction;
            insert.Parameters["conversation"].Value = conversation;
            insert.Parameters["sequence"].Value = sequence;
            insert.Parameters["text"].Value = text;
            insert.Parameters["client"].Value = Guid.NewGuid().ToString("N");
            insert.Parameters["sentAt"].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await insert.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
