using System.Diagnostics;
using System.Globalization;
using LibrarianDesk.Bench.Hosting;
using LibrarianDesk.Bench.Measuring;
using LibrarianDesk.Bench.Reporting;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// Scenario 4: 50 librarians reply to the same waiting conversation at the same instant, many times
/// over. Exactly one may own it each time (checked in the answers and in the database). Baseline: the
/// same race as one hand-written conditional UPDATE per librarian on its own (pooled) connection to the
/// desk's database, SQLite or PostgreSQL.
/// </summary>
public sealed class ClaimRace : IScenario
{
    public string Name => "claim";

    private const int Librarians = 50;

    public async Task RunAsync(BenchOptions options, BenchReport report, ProgressLog progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(progress);
        if (options.Url is not null)
        {
            report.Note("claim: skipped with --url (the librarians call the desk's services in-process).");
            return;
        }

        var races = options.Quick ? 40 : 1000;
        await using var desk = DeskHost.For(options);
        await desk.StartAsync();
        var librarians = await desk.CreateLibrariansAsync("claim", Librarians);
        var patrons = desk.Service<PatronChat>();
        var chat = desk.Service<LibrarianChat>();
        int questionType;
        await using (var db = desk.CreateDbContext())
        {
            questionType = await db.QuestionTypes.Where(q => q.IsActive).Select(q => q.Id).FirstAsync(cancellationToken);
        }

        var latencies = new Latencies();
        var rawLatencies = new Latencies();
        var doubleOwners = 0;
        var noOwner = 0;
        var rawDoubleOwners = 0;
        for (var race = 0; race < races; race++)
        {
            var conversation = await StartAsync(patrons, questionType, race);
            var winners = await RaceAsync(librarians, async librarian =>
            {
                try
                {
                    await chat.ReplyAsync(librarian, conversation, "Selamat siang, saya bantu carikan ya.");
                    return true;
                }
                catch (ConversationTakenException)
                {
                    return false;
                }
            }, latencies);

            await using (var db = desk.CreateDbContext())
            {
                var stored = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == conversation, cancellationToken);
                var replies = await db.ChatMessages.CountAsync(m => m.ConversationId == conversation && m.Author == MessageAuthor.Librarian, cancellationToken);
                if (winners.Count > 1 || replies > 1)
                {
                    doubleOwners++;
                }
                else if (winners.Count == 0 || replies == 0 || stored.OwnerId != winners[0] || stored.Status != ConversationStatus.Active)
                {
                    noOwner++;
                }
            }

            var rawConversation = await StartAsync(patrons, questionType, race);
            var rawWinners = await RaceAsync(librarians, librarian => desk.Provider == DatabaseProvider.PostgreSql
                ? RawPostgreSqlClaimAsync(desk.PostgreSqlConnectionString, rawConversation, librarian)
                : RawClaimAsync(desk.DatabasePath, rawConversation, librarian), rawLatencies);
            if (rawWinners.Count != 1)
            {
                rawDoubleOwners++;
            }

            if ((race + 1) % 100 == 0 || race + 1 == races)
            {
                progress.Say(Name, $"{race + 1}/{races} races, double owners {doubleOwners}");
            }
        }

        var label = string.Create(CultureInfo.InvariantCulture, $"{Librarians} librarians × {races} races");
        foreach (var ((name, value), (_, baseline)) in latencies.Summarise().Percentiles.Zip(rawLatencies.Summarise().Percentiles))
        {
            report.Add(new ResultRow(Name, label, $"reply-with-claim latency {name}", "ms", value, baseline));
        }

        report.Check(new CorrectnessCheck(Name, "exactly one owner in every race", doubleOwners == 0 && noOwner == 0,
            string.Create(CultureInfo.InvariantCulture, $"{races} races: {doubleOwners} with two owners, {noOwner} without exactly one owner (baseline SQL: {rawDoubleOwners} not exactly one)")));
    }

    private static async Task<Guid> StartAsync(PatronChat patrons, int questionType, int race)
    {
        var started = await patrons.StartAsync(new StartConversationRequest(
            "Budi Santoso", string.Create(CultureInfo.InvariantCulture, $"budi{race}@contoh.id"), null, questionType,
            "Saya mencari peta Batavia.", Guid.NewGuid().ToString("N")), "id");
        return started.Response.ConversationId;
    }

    /// <summary>Every librarian starts at the same signal; returns the ones that got it.</summary>
    private static async Task<List<string>> RaceAsync(IReadOnlyList<string> librarians, Func<string, Task<bool>> claim, Latencies latencies)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = librarians.Select(librarian => Task.Run(async () =>
        {
            await go.Task;
            var started = Stopwatch.GetTimestamp();
            var won = await claim(librarian);
            latencies.Since(started);
            return (librarian, won);
        })).ToList();
        go.SetResult();
        var results = await Task.WhenAll(attempts);
        return [.. results.Where(r => r.won).Select(r => r.librarian)];
    }

    private static async Task<bool> RawClaimAsync(string databasePath, Guid conversation, string librarian)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true }.ToString());
        await connection.OpenAsync();
        await using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
            await pragmas.ExecuteNonQueryAsync();
        }

        // Alone in its command: a count of changed rows then belongs to this UPDATE only.
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE Conversations SET Status = 1, OwnerId = $owner, ClaimedAt = $now WHERE Id = $id AND Status = 0";
        command.Parameters.AddWithValue("$owner", librarian);
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$id", conversation.ToString().ToUpperInvariant());
        return await command.ExecuteNonQueryAsync() == 1;
    }

    private static async Task<bool> RawPostgreSqlClaimAsync(string connectionString, Guid conversation, string librarian)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            UPDATE "Conversations" SET "Status" = 1, "OwnerId" = @owner, "ClaimedAt" = @now WHERE "Id" = @id AND "Status" = 0
            """, connection);
        command.Parameters.AddWithValue("owner", librarian);
        command.Parameters.AddWithValue("now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("id", conversation);
        return await command.ExecuteNonQueryAsync() == 1;
    }
}
