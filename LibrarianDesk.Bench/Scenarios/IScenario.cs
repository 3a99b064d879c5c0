using LibrarianDesk.Bench.Reporting;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>One benchmark scenario: measures the desk and its baseline in the same run and adds rows to the report.</summary>
public interface IScenario
{
    string Name { get; }

    Task RunAsync(BenchOptions options, BenchReport report, ProgressLog progress, CancellationToken cancellationToken);
}
