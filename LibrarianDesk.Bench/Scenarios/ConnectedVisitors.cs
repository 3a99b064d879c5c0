using System.Diagnostics;
using System.Globalization;
using LibrarianDesk.Bench.Clients;
using LibrarianDesk.Bench.Hosting;
using LibrarianDesk.Bench.Measuring;
using LibrarianDesk.Bench.Reporting;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// Scenario 2: many visitors connected with <c>Hello</c> and idle, then a tenth of them changing page
/// every few seconds. The server runs in a child process so its memory and CPU are its own; the
/// baseline is the same number of connections to the bare hub.
/// </summary>
public sealed class ConnectedVisitors : IScenario
{
    public string Name => "visitors";

    public async Task RunAsync(BenchOptions options, BenchReport report, ProgressLog progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(progress);
        int[] sizes = options.Quick ? [200] : [1000, 5000];
        var shape = options.Quick
            ? new Shape(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4))
            : new Shape(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20));
        foreach (var size in sizes)
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"{size} visitors");
            if (options.Url is not null)
            {
                progress.Say(Name, $"{label}: {options.Url} (client side only)");
                var remote = await MeasureAsync(null, options.Url, _ => new DeskPatron(options.Url), size, shape, progress, cancellationToken);
                report.Add(new ResultRow(Name, label, "PageChanged p99", "ms", remote.PageChanged.P99, null));
                report.Check(Failures(label, remote));
                continue;
            }

            progress.Say(Name, $"{label}: LibrarianDesk");
            VisitorLoad desk;
            await using (var server = await ChildServer.StartAsync("desk", librarians: null, group: null, cancellationToken))
            {
                desk = await MeasureAsync(server, server.BaseAddress, _ => new DeskPatron(server.BaseAddress), size, shape, progress, cancellationToken);
            }

            progress.Say(Name, $"{label}: bare hub");
            VisitorLoad bare;
            await using (var server = await ChildServer.StartAsync("echo", librarians: null, group: null, cancellationToken))
            {
                bare = await MeasureAsync(server, server.BaseAddress, _ => new EchoPatron(server.BaseAddress), size, shape, progress, cancellationToken);
            }

            var managed = desk.ManagedPerConnection / 1024;
            var managedBare = bare.ManagedPerConnection / 1024;
            report.Add(new ResultRow(Name, label, "managed memory per idle connection", "KiB", managed, managedBare,
                "≤ 1.5× baseline", managed <= 1.5 * managedBare));
            report.Add(new ResultRow(Name, label, "process RSS per idle connection", "KiB", desk.RssPerConnection / 1024, bare.RssPerConnection / 1024));
            report.Add(new ResultRow(Name, label, "server CPU while idle", "% of a core", desk.IdleCpuPercent, bare.IdleCpuPercent));
            report.Add(new ResultRow(Name, label, "server CPU, 10% changing page", "% of a core", desk.BusyCpuPercent, bare.BusyCpuPercent));
            report.Add(new ResultRow(Name, label, "PageChanged p99", "ms", desk.PageChanged.P99, bare.PageChanged.P99));
            report.Check(Failures(label, desk));
        }
    }

    private static CorrectnessCheck Failures(string label, VisitorLoad load) => new(
        "visitors", $"{label}: every Hello and PageChanged answered", load.Failures == 0 && load.PageChanged.Count > 0,
        string.Create(CultureInfo.InvariantCulture, $"page changes {load.PageChanged.Count}, failures {load.Failures}"));

    private static async Task<VisitorLoad> MeasureAsync(
        ChildServer? server, Uri address, Func<int, IBenchPatron> create, int size, Shape shape, ProgressLog progress, CancellationToken cancellationToken)
    {
        var before = server is null ? null : await server.StatsAsync(cancellationToken);
        var visitors = await BenchPatrons.ConnectManyAsync(size, create, n => progress.Say("visitors", $"{n}/{size} connected to {address}"), cancellationToken);
        try
        {
            await Task.Delay(shape.Settle, cancellationToken);
            var idle = server is null ? null : await server.StatsAsync(cancellationToken);
            var idleStarted = Stopwatch.GetTimestamp();
            await Task.Delay(shape.Settle, cancellationToken);
            var idleEnd = server is null ? null : await server.StatsAsync(cancellationToken);
            var idleSeconds = Stopwatch.GetElapsedTime(idleStarted).TotalSeconds;

            var pageChanged = new Latencies();
            long failures = 0;
            var movers = visitors.Take(Math.Max(1, size / 10)).ToList();
            var busyStarted = Stopwatch.GetTimestamp();
            var until = busyStarted + (long)(shape.Browsing.TotalSeconds * Stopwatch.Frequency);
            await Task.WhenAll(movers.Select((visitor, i) => BrowseAsync(visitor, i, shape.PageEvery, until, pageChanged, () => Interlocked.Increment(ref failures), cancellationToken)));
            var busyEnd = server is null ? null : await server.StatsAsync(cancellationToken);
            var busySeconds = Stopwatch.GetElapsedTime(busyStarted).TotalSeconds;

            return before is null || idle is null || idleEnd is null || busyEnd is null
                ? new VisitorLoad(double.NaN, double.NaN, double.NaN, double.NaN, pageChanged.Summarise(), failures)
                : new VisitorLoad(
                    (idle.ManagedBytes - before.ManagedBytes) / (double)size,
                    (idle.RssBytes - before.RssBytes) / (double)size,
                    100 * (idleEnd.CpuSeconds - idle.CpuSeconds) / idleSeconds,
                    100 * (busyEnd.CpuSeconds - idleEnd.CpuSeconds) / busySeconds,
                    pageChanged.Summarise(),
                    failures);
        }
        finally
        {
            await BenchPatrons.DisposeAllAsync(visitors);
        }
    }

    private static async Task BrowseAsync(
        IBenchPatron visitor, int index, TimeSpan every, long until, Latencies latencies, Action failed, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * every.TotalMilliseconds), cancellationToken);
        for (var page = 0; Stopwatch.GetTimestamp() < until; page++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await visitor.PageChangedAsync(string.Create(CultureInfo.InvariantCulture, $"https://perpustakaan.test/katalog/{index}/{page}"), cancellationToken);
                latencies.Since(started);
            }
            catch (Microsoft.AspNetCore.SignalR.HubException)
            {
                failed();
            }

            await Task.Delay(every, cancellationToken);
        }
    }

    private sealed record Shape(TimeSpan Settle, TimeSpan PageEvery, TimeSpan Browsing);

    private sealed record VisitorLoad(
        double ManagedPerConnection, double RssPerConnection, double IdleCpuPercent, double BusyCpuPercent, LatencySummary PageChanged, long Failures);
}
