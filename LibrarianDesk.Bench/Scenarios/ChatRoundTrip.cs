using System.Diagnostics;
using System.Globalization;
using LibrarianDesk.Bench.Clients;
using LibrarianDesk.Bench.Hosting;
using LibrarianDesk.Bench.Measuring;
using LibrarianDesk.Bench.Reporting;
using LibrarianDesk.Shared.Contracts;
using Microsoft.AspNetCore.SignalR;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// Scenario 1: N concurrent conversations, each patron sending every few seconds and a librarian
/// answering each message. Baseline: the same clients against a bare echo hub whose "librarians"
/// answer through the hub context, in the same process shape. A second reference, the same echo hub
/// committing every message to SQLite before passing it on, shows what durability alone costs.
/// </summary>
public sealed class ChatRoundTrip : IScenario
{
    public string Name => "chat";

    /// <summary>One librarian watches a handful of conversations, as at a busy desk.</summary>
    private const int ConversationsPerLibrarian = 5;

    public async Task RunAsync(BenchOptions options, BenchReport report, ProgressLog progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(progress);
        if (options.Url is not null)
        {
            report.Note("chat: skipped with --url (the simulated librarians call the desk's services in-process).");
            return;
        }

        int[] sizes = options.Quick ? [20, 60] : [100, 500, 1000];
        var shape = options.Quick
            ? new LoadShape(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5))
            : new LoadShape(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30));
        foreach (var size in sizes)
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"{size} conversations");
            progress.Say(Name, $"{label}: LibrarianDesk");
            var desk = await RunDeskAsync(size, shape, progress, cancellationToken);
            progress.Say(Name, $"{label}: bare echo hub");
            var bare = await RunEchoAsync(size, shape, durable: false, progress, cancellationToken);
            progress.Say(Name, $"{label}: echo hub committing each message");
            var durable = await RunEchoAsync(size, shape, durable: true, progress, cancellationToken);

            var seen = desk.Trips.Seen.Summarise();
            var seenBare = bare.Trips.Seen.Summarise();
            var reply = desk.Trips.Replied.Summarise();
            var replyBare = bare.Trips.Replied.Summarise();
            foreach (var ((name, value), (_, baseline)) in seen.Percentiles.Zip(seenBare.Percentiles))
            {
                report.Add(new ResultRow(Name, label, $"send → librarian sees {name}", "ms", value, baseline));
            }

            foreach (var ((name, value), (_, baseline)) in reply.Percentiles.Zip(replyBare.Percentiles))
            {
                var isGoal = size == 1000 && name == "p99";
                report.Add(new ResultRow(Name, label, $"send → reply received {name}", "ms", value, baseline,
                    isGoal ? "≤ 2× baseline and < 50 ms" : null,
                    isGoal ? value <= 2 * baseline && value < 50 : null));
            }

            var durableLabel = $"{label}, against the durable echo hub";
            var replyDurable = durable.Trips.Replied.Summarise();
            foreach (var ((name, value), (_, baseline)) in reply.Percentiles.Zip(replyDurable.Percentiles))
            {
                report.Add(new ResultRow(Name, durableLabel, $"send → reply received {name}", "ms", value, baseline));
            }

            report.Add(new ResultRow(Name, durableLabel, "patron send acknowledged p99", "ms",
                desk.Trips.Acknowledged.Summarise().P99, durable.Trips.Acknowledged.Summarise().P99));
            report.Note(string.Create(CultureInfo.InvariantCulture,
                $"chat, {label}: the echo hub committing each message answered at p99 {replyDurable.P99:0.##} ms, {replyDurable.P99 / replyBare.P99:0.##}× the bare hub's {replyBare.P99:0.##} ms ({durable.Unanswered} unanswered)."));
            report.Add(new ResultRow(Name, label, "messages per second (sent + replied)", "msg/s",
                desk.MessagesPerSecond, bare.MessagesPerSecond));
            report.Add(new ResultRow(Name, label, "patron send acknowledged p99", "ms",
                desk.Trips.Acknowledged.Summarise().P99, bare.Trips.Acknowledged.Summarise().P99));
            report.Check(new CorrectnessCheck(Name, $"{label}: every message acknowledged and answered",
                desk.Trips.Failed == 0 && desk.Unanswered == 0 && desk.LibrarianErrors == 0 && desk.Trips.Sent > 0,
                string.Create(CultureInfo.InvariantCulture,
                    $"sent {desk.Trips.Sent}, acknowledged {desk.Trips.AcknowledgedCount}, replies received {desk.Trips.RepliedCount}, send failures {desk.Trips.Failed}, unanswered {desk.Unanswered}, librarian errors {desk.LibrarianErrors}")));
        }
    }

    private static async Task<LoadResult> RunDeskAsync(int size, LoadShape shape, ProgressLog progress, CancellationToken cancellationToken)
    {
        await using var desk = new DeskHost();
        await desk.StartAsync();
        var trips = new RoundTrips();
        var librarianIds = await desk.CreateLibrariansAsync("chat", Math.Max(1, size / ConversationsPerLibrarian));
        await using var librarians = new SimulatedLibrarians(desk, librarianIds, trips);
        var patrons = await BenchPatrons.ConnectManyAsync(size, _ => new DeskPatron(desk.BaseAddress),
            n => progress.Say("chat", $"{n}/{size} patrons connected"), cancellationToken);
        try
        {
            await Parallel.ForEachAsync(patrons, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (patron, ct) =>
            {
                await patron.StartConversationAsync("Halo, apakah ada pustakawan?", trips.PatronReceived, ct);
                librarians.Watch(patron.ConversationId);
            });
            var result = await DriveAsync("LibrarianDesk", [.. patrons], trips, shape, progress, cancellationToken);
            return result with { LibrarianErrors = librarians.Errors };
        }
        finally
        {
            await BenchPatrons.DisposeAllAsync(patrons);
        }
    }

    private static async Task<LoadResult> RunEchoAsync(int size, LoadShape shape, bool durable, ProgressLog progress, CancellationToken cancellationToken)
    {
        await using var echo = await EchoHost.StartAsync(durable);
        var trips = new RoundTrips();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var librarians = Enumerable.Range(0, Math.Max(1, size / ConversationsPerLibrarian))
            .Select(_ => Task.Run(() => EchoLibrarianAsync(echo, trips, stop.Token))).ToList();
        var patrons = await BenchPatrons.ConnectManyAsync(size, _ => new EchoPatron(echo.BaseAddress),
            n => progress.Say("chat", $"{n}/{size} patrons connected"), cancellationToken);
        try
        {
            await Parallel.ForEachAsync(patrons, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
                async (patron, ct) => await patron.StartConversationAsync("Halo, apakah ada pustakawan?", trips.PatronReceived, ct));
            return await DriveAsync(durable ? "durable echo hub" : "bare hub", [.. patrons], trips, shape, progress, cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(librarians);
            await BenchPatrons.DisposeAllAsync(patrons);
        }
    }

    private static async Task EchoLibrarianAsync(EchoHost echo, RoundTrips trips, CancellationToken cancellationToken)
    {
        var sequence = 0;
        try
        {
            await foreach (var post in echo.Desk.Posts.Reader.ReadAllAsync(cancellationToken))
            {
                if (RoundTrips.ReplyTo(post.Text) is { } reply)
                {
                    trips.LibrarianSaw(post.Text);
                    if (echo.Desk.Store is { } store)
                    {
                        await store.CommitAsync(post.ConversationId, fromLibrarian: true, reply);
                    }

                    await echo.Hub.Clients.Group(EchoHub.Group(post.ConversationId)).SendAsync(EchoHub.Reply,
                        new PatronMessage(post.ConversationId, ++sequence, PatronMessage.FromLibrarian, "Pustakawan", reply, DateTimeOffset.UtcNow, null),
                        cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    /// <summary>
    /// A warm-up round (every conversation is claimed by its first reply), then every patron sends on
    /// its own clock for the measured period; finally the replies still on their way are awaited.
    /// </summary>
    private static async Task<LoadResult> DriveAsync(
        string who, IReadOnlyList<IBenchPatron> patrons, RoundTrips trips, LoadShape shape, ProgressLog progress, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(patrons, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (patron, ct) => await SendOneAsync(patron, trips, ct));
        await Timed.UntilAsync(() => trips.Pending(measuredOnly: false) == 0, TimeSpan.FromSeconds(60));

        progress.Say("chat", $"{who}: measuring {shape.Duration.TotalSeconds:0} s, each patron every {shape.Interval.TotalSeconds:0.#} s");
        trips.Measuring = true;
        var started = Stopwatch.GetTimestamp();
        var until = started + (long)(shape.Duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(patrons.Select(p => PatronLoopAsync(p, trips, shape.Interval, until, cancellationToken)));
        trips.Measuring = false;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await Timed.UntilAsync(() => trips.Pending(measuredOnly: true) == 0, TimeSpan.FromSeconds(30));
        var unanswered = trips.Pending(measuredOnly: true);
        progress.Say("chat", $"{who}: {trips.Sent} sent, {trips.RepliedCount} replies, reply p99 {trips.Replied.Summarise().P99:0.#} ms");
        return new LoadResult(trips, (trips.AcknowledgedCount + trips.RepliedCount) / elapsed, unanswered, 0);
    }

    private static async Task PatronLoopAsync(IBenchPatron patron, RoundTrips trips, TimeSpan interval, long until, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * interval.TotalMilliseconds), cancellationToken);
        var next = Stopwatch.GetTimestamp();
        while (next < until)
        {
            await SendOneAsync(patron, trips, cancellationToken);
            next += (long)(interval.TotalSeconds * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
        }
    }

    private static async Task SendOneAsync(IBenchPatron patron, RoundTrips trips, CancellationToken cancellationToken)
    {
        var (started, text) = trips.NewMessage();
        try
        {
            await patron.SendAsync(text, cancellationToken);
            trips.AcknowledgedAt(started);
        }
        catch (HubException)
        {
            trips.SendFailed();
        }
    }

    private sealed record LoadShape(TimeSpan Interval, TimeSpan Duration);

    private sealed record LoadResult(RoundTrips Trips, double MessagesPerSecond, int Unanswered, long LibrarianErrors);
}
