using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LibrarianDesk.Bench.Reporting;

/// <summary>One measured quantity: the desk beside its baseline from the same run.</summary>
public sealed record ResultRow(string Scenario, string Case, string Metric, string Unit, double Desk, double? Baseline, string? Goal = null, bool? GoalMet = null)
{
    public double? Ratio => Baseline is { } b && b > 0 && !double.IsNaN(Desk) ? Desk / b : null;
}

/// <summary>A correctness result (never a time): it must hold on any machine.</summary>
public sealed record CorrectnessCheck(string Scenario, string Name, bool Passed, string Detail);

public sealed record MachineInfo(int ProcessorCount, string CpuModel, double MemoryGiB, string DotnetVersion, string Os)
{
    public static MachineInfo Current()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return new MachineInfo(Environment.ProcessorCount, cpu ?? "unknown", Math.Round(memory, 1),
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription, System.Runtime.InteropServices.RuntimeInformation.OSDescription);
    }
}

/// <summary>Everything one run measured; printed as a markdown table and saved as JSON.</summary>
public sealed class BenchReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly ConcurrentQueue<ResultRow> rows = new();
    private readonly ConcurrentQueue<CorrectnessCheck> checks = new();
    private readonly ConcurrentQueue<string> notes = new();

    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.UtcNow;
    public string Mode { get; init; } = "full";

    /// <summary>The scenarios this run measured, in the order they ran.</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = BenchOptions.AllScenarios;
    public string Target { get; init; } = "in-process";
    public MachineInfo Machine { get; init; } = MachineInfo.Current();

    public IReadOnlyList<ResultRow> Rows => [.. rows];
    public IReadOnlyList<CorrectnessCheck> Checks => [.. checks];
    public IReadOnlyList<string> Notes => [.. notes];

    public void Add(ResultRow row) => rows.Enqueue(row);

    public void Check(CorrectnessCheck check) => checks.Enqueue(check);

    public void Note(string note) => notes.Enqueue(note);

    public bool AllCorrect => checks.All(c => c.Passed);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"LibrarianDesk.Bench — {Title}, {StartedAt:yyyy-MM-dd HH:mm} UTC, {Target}");
        text.AppendLine(c, $"Machine: {Machine.ProcessorCount} cores, {Machine.CpuModel}, {Machine.MemoryGiB} GiB, {Machine.DotnetVersion}, {Machine.Os}");
        text.AppendLine();
        text.AppendLine("| Scenario | Case | Metric | LibrarianDesk | Baseline | Ratio | Goal | Met |");
        text.AppendLine("|---|---|---|---:|---:|---:|---|:-:|");
        foreach (var row in rows)
        {
            text.AppendLine(c, $"| {row.Scenario} | {row.Case} | {row.Metric} | {Format(row.Desk, row.Unit)} | {(row.Baseline is { } b ? Format(b, row.Unit) : "")} | {(row.Ratio is { } r ? r.ToString("0.00", c) + "×" : "")} | {row.Goal} | {(row.GoalMet is { } met ? (met ? "yes" : "**no**") : "")} |");
        }

        if (!checks.IsEmpty)
        {
            text.AppendLine();
            text.AppendLine("| Scenario | Correctness | Result | Detail |");
            text.AppendLine("|---|---|:-:|---|");
            foreach (var check in checks)
            {
                text.AppendLine(c, $"| {check.Scenario} | {check.Name} | {(check.Passed ? "pass" : "**FAIL**")} | {check.Detail} |");
            }
        }

        foreach (var note in notes)
        {
            text.AppendLine(c, $"- {note}");
        }

        return text.ToString();
    }

    // "full run" only when every scenario ran: a table of one scenario is not read as the whole picture.
    private string Title => Scenarios.Count == BenchOptions.AllScenarios.Length
        ? $"{Mode} run"
        : $"{(Mode == "full" ? "full-size" : Mode)} run of {string.Join(", ", Scenarios)}";

    private static string Format(double value, string unit) => double.IsNaN(value)
        ? "–"
        : string.Create(CultureInfo.InvariantCulture, $"{(Math.Abs(value) >= 100 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture))} {unit}").TrimEnd();

    public async Task SaveAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var document = new
        {
            StartedAt,
            Mode,
            Scenarios,
            Target,
            Machine,
            Rows = rows.Select(r => new { r.Scenario, r.Case, r.Metric, r.Unit, r.Desk, r.Baseline, r.Ratio, r.Goal, r.GoalMet }),
            Checks,
            Notes,
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, Json));
    }
}
