using LibrarianDesk.Bench.Reporting;
using LibrarianDesk.Bench.Scenarios;

namespace LibrarianDesk.Bench;

/// <summary>Runs the chosen scenarios one after another (never together: each measures a quiet machine).</summary>
public static class BenchRunner
{
    public static IReadOnlyList<IScenario> Scenarios { get; } =
    [
        new ChatRoundTrip(),
        new ConnectedVisitors(),
        new MessagePersistence(),
        new ClaimRace(),
        new DataScale(),
    ];

    public static async Task<BenchReport> RunAsync(BenchOptions options, ProgressLog progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var report = new BenchReport
        {
            Mode = options.Quick ? "quick" : "full",
            Target = options.Url is null ? "desk on Kestrel 127.0.0.1 (chat and visitors: each server in a process of its own)" : options.Url.ToString(),
        };
        foreach (var scenario in Scenarios.Where(s => options.Runs(s.Name)))
        {
            progress.Say(scenario.Name, "starting");
            await scenario.RunAsync(options, report, progress, cancellationToken);
            progress.Say(scenario.Name, "done");
        }

        return report;
    }
}
