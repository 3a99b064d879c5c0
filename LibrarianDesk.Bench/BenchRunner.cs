using LibrarianDesk.Bench.Hosting;
using LibrarianDesk.Bench.Reporting;
using LibrarianDesk.Bench.Scenarios;
using LibrarianDesk.Data;

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
        var report = NewReport(options);
        foreach (var scenario in Scenarios.Where(s => options.Runs(s.Name)))
        {
            progress.Say(scenario.Name, "starting");
            await scenario.RunAsync(options, report, progress, cancellationToken);
            progress.Say(scenario.Name, "done");
        }

        return report;
    }

    /// <summary>An empty report that says what the options measure: size, scenarios and target.</summary>
    public static BenchReport NewReport(BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BenchReport
        {
            Mode = options.Quick ? "quick" : "full",
            Scenarios = [.. BenchOptions.AllScenarios.Where(options.Runs)],
            Target = options.Url is not null ? options.Url.ToString()
                : options.Servers > 1 ? $"one desk on two servers (Kestrel 127.0.0.1, a process each), {PostgreSqlServer.Describe(options.PostgreSql!)} (a database per size), Redis at {RedisAddress(options.Redis!)}"
                : options.Provider == DatabaseProvider.PostgreSql ? $"desk on Kestrel 127.0.0.1, {PostgreSqlServer.Describe(options.PostgreSql!)} (a database per scenario)"
                : "desk on Kestrel 127.0.0.1 (chat and visitors: each server in a process of its own)",
        };
    }

    /// <summary>Where the Redis is, without the password its configuration may hold.</summary>
    private static string RedisAddress(string configuration) =>
        StackExchange.Redis.ConfigurationOptions.Parse(configuration).ToString(includePassword: false);
}
