using LibrarianDesk.Bench;
using LibrarianDesk.Bench.Reporting;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Bench;

/// <summary>
/// Runs the whole benchmark once in <c>--quick</c> mode so that it cannot rot. It asserts only what
/// must hold on any machine (every message acknowledged, one owner per claim, same answers as the
/// SQL baseline), never a time; on SQLite, and on PostgreSQL for the scenarios that run there in full.
/// </summary>
public sealed class QuickBenchTests
{
    [Fact]
    public async Task The_quick_bench_runs_every_scenario_and_every_correctness_result_holds()
    {
        var output = Path.Combine(Path.GetTempPath(), "librariandesk-bench-test", $"{Guid.NewGuid():N}.json");
        var options = BenchOptions.Parse(["--quick", "--out", output]);

        var report = await BenchRunner.RunAsync(options, ProgressLog.Silent, TestContext.Current.CancellationToken);
        await report.SaveAsync(output);

        report.Checks.Should().NotBeEmpty().And.OnlyContain(c => c.Passed, "every correctness result must hold: {0}",
            string.Join("; ", report.Checks.Where(c => !c.Passed).Select(c => $"{c.Scenario} {c.Name}: {c.Detail}")));
        report.Checks.Select(c => c.Scenario).Distinct().Should().BeEquivalentTo(BenchOptions.AllScenarios);
        report.Rows.Select(r => r.Scenario).Distinct().Should().BeEquivalentTo(BenchOptions.AllScenarios);
        File.Exists(output).Should().BeTrue();
        report.ToMarkdown().Should().StartWith("LibrarianDesk.Bench — quick run, ");
    }

    [Fact]
    public async Task On_PostgreSQL_the_quick_persistence_and_claim_scenarios_run_and_every_correctness_result_holds()
    {
        var cluster = await PostgreSqlCluster.RequireAsync();
        var options = BenchOptions.Parse(["--quick", "--provider", "PostgreSql", "--postgres", cluster.ConnectionString("postgres"), "--only", "persistence,claim"]);

        var report = await BenchRunner.RunAsync(options, ProgressLog.Silent, TestContext.Current.CancellationToken);

        report.Checks.Should().NotBeEmpty().And.OnlyContain(c => c.Passed, "every correctness result must hold: {0}",
            string.Join("; ", report.Checks.Where(c => !c.Passed).Select(c => $"{c.Scenario} {c.Name}: {c.Detail}")));
        report.Checks.Select(c => c.Scenario).Distinct().Should().BeEquivalentTo("persistence", "claim");
        report.Target.Should().Contain("PostgreSQL");
    }

    [Fact]
    public async Task On_two_servers_the_quick_chat_loses_duplicates_and_double_owns_nothing()
    {
        var cluster = await PostgreSqlCluster.RequireAsync();
        var redis = await RedisServer.RequireAsync();
        var options = BenchOptions.Parse(["--quick", "--servers", "2", "--provider", "PostgreSql", "--postgres", cluster.ConnectionString("postgres"),
            "--redis", redis.Configuration]);

        var report = await BenchRunner.RunAsync(options, ProgressLog.Silent, TestContext.Current.CancellationToken);

        report.Checks.Select(c => c.Name).Should().BeEquivalentTo(
            "40 conversations on 2 servers: every message acknowledged and answered", "40 conversations on 2 servers: 0 lost",
            "40 conversations on 2 servers: 0 duplicated", "40 conversations on 2 servers: 0 double owners");
        report.Checks.Should().OnlyContain(c => c.Passed, "every correctness result must hold: {0}",
            string.Join("; ", report.Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}")));
        report.Rows.Should().Contain(r => r.Case == "40 conversations on 2 servers" && r.Metric == "send → reply received p99" && r.Baseline > 0);
    }

    [Theory]
    [InlineData("--only data,claim", "full-size run of claim, data,")]
    [InlineData("--quick --only chat", "quick run of chat,")]
    [InlineData("", "full run,")]
    public async Task The_title_and_saved_results_say_which_scenarios_ran(string arguments, string title)
    {
        var output = Path.Combine(Path.GetTempPath(), "librariandesk-bench-test", $"{Guid.NewGuid():N}.json");
        var options = BenchOptions.Parse([.. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        var report = BenchRunner.NewReport(options);
        await report.SaveAsync(output);

        report.ToMarkdown().Should().StartWith($"LibrarianDesk.Bench — {title} ");
        var saved = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        saved.RootElement.GetProperty("Scenarios").EnumerateArray().Select(s => s.GetString()).Should().Equal(BenchOptions.AllScenarios.Where(options.Runs));
    }
}
