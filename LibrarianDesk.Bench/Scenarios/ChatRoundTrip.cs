using System.Diagnostics;
using System.Globalization;
using LibrarianDesk.Bench.Clients;
using LibrarianDesk.Bench.Hosting;
using LibrarianDesk.Bench.Measuring;
using LibrarianDesk.Bench.Reporting;
using Microsoft.AspNetCore.SignalR;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// Scenario 1: N concurrent conversations, each patron sending every few seconds and a librarian
/// answering each message. Baseline: the same clients against a bare echo hub whose "librarians"
/// answer through the hub context, in the same process shape: every server in a process of its own with
/// its librarians, the patrons in this one. A second reference, the same echo hub committing every
/// message to SQLite before passing it on, shows what durability alone costs. With <c>--servers 2</c> the desk runs on
/// two servers and the bare hub on two with SignalR's Redis backplane, each patron answered through the other server.
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

        int[] sizes = options.Servers > 1 ? options.Quick ? [40] : [100, 500, 1000]
            : options.Quick ? [20, 60] : [100, 500, 1000];
        var shape = options.Quick
            ? new LoadShape(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5))
            : new LoadShape(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30));
        foreach (var size in sizes)
        {
            if (options.Servers > 1)
            {
                await MeasureOnTwoServersAsync(options, report, size, shape, progress, cancellationToken);
                continue;
            }

            var label = string.Create(CultureInfo.InvariantCulture, $"{size} conversations");
            progress.Say(Name, $"{label}: LibrarianDesk");
            var desk = await RunDeskAsync(size, shape, progress, cancellationToken);
            progress.Say(Name, $"{label}: bare echo hub");
            var bare = await RunEchoAsync(size, shape, durable: false, progress, cancellationToken);
            progress.Say(Name, $"{label}: echo hub committing each message");
            var durable = await RunEchoAsync(size, shape, durable: true, progress, cancellationToken);

            AddRoundTrips(report, size, label, desk, bare);
            var reply = desk.Trips.Replied.Summarise();
            var replyBare = bare.Trips.Replied.Summarise();
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
            AddThroughput(report, label, desk, bare);
        }
    }

    /// <summary>
    /// One desk on two servers (one fresh PostgreSQL database, one Redis), patrons spread over both and each answered by
    /// a librarian on the other; beside it the bare hub on two servers with SignalR's Redis backplane, each message
    /// answered the same way from the other server. The durable echo hub is a one-server reference and does not run.
    /// </summary>
    private async Task MeasureOnTwoServersAsync(
        BenchOptions options, BenchReport report, int size, LoadShape shape, ProgressLog progress, CancellationToken cancellationToken)
    {
        var label = string.Create(CultureInfo.InvariantCulture, $"{size} conversations on {options.Servers} servers");
        var postgreSql = new PostgreSqlServer(options.PostgreSql!);
        var database = await postgreSql.CreateDatabaseAsync();
        LoadResult desk;
        ChatLedger ledger;
        try
        {
            progress.Say(Name, $"{label}: LibrarianDesk");
            desk = await RunAsync("desk", "LibrarianDesk", address => new DeskPatron(address), Group(options, database), size, shape, progress, cancellationToken);
            ledger = await ChatLedger.ReadAsync(database, cancellationToken);
        }
        finally
        {
            await postgreSql.DropDatabaseAsync(database);
        }

        progress.Say(Name, $"{label}: bare echo hub with the Redis backplane");
        var bare = await RunAsync("echo", "bare hub", address => new EchoPatron(address), Group(options, database: null), size, shape, progress, cancellationToken);

        AddRoundTrips(report, size, label, desk, bare);
        AddThroughput(report, label, desk, bare);
        foreach (var check in ledger.Checks(Name, label, desk.Trips))
        {
            report.Check(check);
        }

        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"chat, {label}: the bare hub left {bare.Unanswered} measured messages unanswered and delivered {bare.Trips.DuplicateReplies} replies twice."));
    }

    private static ServerGroup[] Group(BenchOptions options, string? database)
    {
        var prefix = ServerGroup.NewPrefix();
        return [.. Enumerable.Range(0, options.Servers).Select(i => new ServerGroup(options.Redis!, prefix, database, ((char)('a' + i)).ToString()))];
    }

    private void AddRoundTrips(BenchReport report, int size, string label, LoadResult desk, LoadResult bare)
    {
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
    }

    private void AddThroughput(BenchReport report, string label, LoadResult desk, LoadResult bare)
    {
        report.Add(new ResultRow(Name, label, "messages per second (sent + replied)", "msg/s",
            desk.MessagesPerSecond, bare.MessagesPerSecond));
        report.Add(new ResultRow(Name, label, "patron send acknowledged p99", "ms",
            desk.Trips.Acknowledged.Summarise().P99, bare.Trips.Acknowledged.Summarise().P99));
        report.Check(new CorrectnessCheck(Name, $"{label}: every message acknowledged and answered",
            desk.Trips.Failed == 0 && desk.Unanswered == 0 && desk.LibrarianErrors == 0 && desk.Trips.Sent > 0,
            string.Create(CultureInfo.InvariantCulture,
                $"sent {desk.Trips.Sent}, acknowledged {desk.Trips.AcknowledgedCount}, replies received {desk.Trips.RepliedCount}, send failures {desk.Trips.Failed}, unanswered {desk.Unanswered}, librarian errors {desk.LibrarianErrors}")));
    }

    private static Task<LoadResult> RunDeskAsync(int size, LoadShape shape, ProgressLog progress, CancellationToken cancellationToken) =>
        RunAsync("desk", "LibrarianDesk", address => new DeskPatron(address), [null], size, shape, progress, cancellationToken);

    private static Task<LoadResult> RunEchoAsync(int size, LoadShape shape, bool durable, ProgressLog progress, CancellationToken cancellationToken) =>
        RunAsync(durable ? "durable-echo" : "echo", durable ? "durable echo hub" : "bare hub", address => new EchoPatron(address),
            [null], size, shape, progress, cancellationToken);

    /// <summary>
    /// The servers, each in its own process with its librarians beside it (one server, or one per member of a
    /// <see cref="ServerGroup"/>, started one after another as a library starts them); the patrons here, spread over the
    /// servers in turn. Each side has its own garbage collector, so neither the patrons' garbage nor one server's GC
    /// setting weighs on the other. Librarians are shared out among the servers as the conversations are.
    /// </summary>
    private static async Task<LoadResult> RunAsync(string kind, string who, Func<Uri, IBenchPatron> create,
        ServerGroup?[] members, int size, LoadShape shape, ProgressLog progress, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "librariandesk-bench");
        Directory.CreateDirectory(folder);
        var sightingsPaths = members.Select(_ => Path.Combine(folder, $"sightings-{Guid.NewGuid():N}.json")).ToList();
        var librariansEach = Math.Max(1, size / ConversationsPerLibrarian / members.Length);
        var trips = new RoundTrips();
        LoadResult result;
        var servers = new List<ChildServer>();
        try
        {
            for (var i = 0; i < members.Length; i++)
            {
                servers.Add(await ChildServer.StartAsync(kind, new ChildLibrarians(librariansEach, sightingsPaths[i]), members[i], cancellationToken));
            }

            var patrons = await BenchPatrons.ConnectManyAsync(size, i => create(servers[i % servers.Count].BaseAddress),
                n => progress.Say("chat", $"{n}/{size} patrons connected"), cancellationToken);
            try
            {
                await Parallel.ForEachAsync(patrons, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
                    async (patron, ct) => await patron.StartConversationAsync("Halo, apakah ada pustakawan?", trips.PatronReceived, ct));
                result = await DriveAsync(who, [.. patrons], trips, shape, progress, cancellationToken);
            }
            finally
            {
                await BenchPatrons.DisposeAllAsync(patrons);
            }
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }

        try
        {
            long errors = 0;
            foreach (var path in sightingsPaths)
            {
                errors += await LibrarianSightings.LoadIntoAsync(path, trips);
            }

            return result with { LibrarianErrors = errors };
        }
        finally
        {
            foreach (var path in sightingsPaths)
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>
    /// A first round (every conversation is claimed by its first reply), then the load itself unmeasured
    /// while the server's code is still being recompiled (tiered compilation: a fresh process runs its hot
    /// paths unoptimised for its first seconds, which a desk open all day does not), then every patron
    /// sends on its own clock for the measured period; finally the replies still on their way are awaited.
    /// </summary>
    private static async Task<LoadResult> DriveAsync(
        string who, IReadOnlyList<IBenchPatron> patrons, RoundTrips trips, LoadShape shape, ProgressLog progress, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(patrons, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (patron, ct) => await SendOneAsync(patron, trips, ct));
        await Timed.UntilAsync(() => trips.Pending(measuredOnly: false) == 0, TimeSpan.FromSeconds(60));
        progress.Say("chat", $"{who}: warming up {shape.WarmUp.TotalSeconds:0} s");
        await LoadAsync(patrons, trips, shape.Interval, shape.WarmUp, cancellationToken);

        progress.Say("chat", $"{who}: measuring {shape.Duration.TotalSeconds:0} s, each patron every {shape.Interval.TotalSeconds:0.#} s");
        trips.Measuring = true;
        var elapsed = await LoadAsync(patrons, trips, shape.Interval, shape.Duration, cancellationToken);
        trips.Measuring = false;
        await Timed.UntilAsync(() => trips.Pending(measuredOnly: true) == 0, TimeSpan.FromSeconds(30));
        var unanswered = trips.Pending(measuredOnly: true);
        progress.Say("chat", $"{who}: {trips.Sent} sent, {trips.RepliedCount} replies, reply p99 {trips.Replied.Summarise().P99:0.#} ms");
        return new LoadResult(trips, (trips.AcknowledgedCount + trips.RepliedCount) / elapsed.TotalSeconds, unanswered, 0);
    }

    /// <summary>Every patron sends every <paramref name="interval"/> for <paramref name="duration"/>; returns the time it took.</summary>
    private static async Task<TimeSpan> LoadAsync(
        IReadOnlyList<IBenchPatron> patrons, RoundTrips trips, TimeSpan interval, TimeSpan duration, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var until = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(patrons.Select(p => PatronLoopAsync(p, trips, interval, until, cancellationToken)));
        return Stopwatch.GetElapsedTime(started);
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
            trips.AcknowledgedAt(started, text);
        }
        catch (HubException)
        {
            trips.SendFailed();
        }
    }

    private sealed record LoadShape(TimeSpan Interval, TimeSpan WarmUp, TimeSpan Duration);

    private sealed record LoadResult(RoundTrips Trips, double MessagesPerSecond, int Unanswered, long LibrarianErrors);
}
