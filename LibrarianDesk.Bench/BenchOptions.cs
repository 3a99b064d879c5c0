using System.Globalization;

namespace LibrarianDesk.Bench;

/// <summary>
/// The command line: <c>[--quick] [--url http://host:port] [--only chat,visitors,persistence,claim,data] [--out file.json]</c>.
/// </summary>
public sealed record BenchOptions
{
    public static readonly string[] AllScenarios = ["chat", "visitors", "persistence", "claim", "data"];

    public bool Quick { get; init; }

    /// <summary>A running desk to load instead of an in-process one (patron-side scenarios only).</summary>
    public Uri? Url { get; init; }

    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>(AllScenarios);

    public string Output { get; init; } = Path.Combine("artifacts", "bench",
        $"results-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.json");

    public bool Runs(string scenario) => Only.Contains(scenario);

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--quick" => options with { Quick = true },
                "--url" => options with { Url = new Uri(Value(args, ++i)) },
                "--out" => options with { Output = Value(args, ++i) },
                "--only" => options with { Only = Scenarios(Value(args, ++i)) },
                var other => throw new ArgumentException($"Unknown option '{other}'. Usage: {Usage}"),
            };
        }

        return options;
    }

    public const string Usage = "LibrarianDesk.Bench [--quick] [--url http://127.0.0.1:5080] [--only chat,visitors,persistence,claim,data] [--out artifacts/bench/results.json]";

    private static string Value(IReadOnlyList<string> args, int i) =>
        i < args.Count ? args[i] : throw new ArgumentException($"Option '{args[i - 1]}' needs a value. Usage: {Usage}");

    private static HashSet<string> Scenarios(string list)
    {
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = names.Except(AllScenarios, StringComparer.OrdinalIgnoreCase).ToList();
        return unknown.Count == 0 ? names : throw new ArgumentException($"Unknown scenario(s) {string.Join(", ", unknown)}; known: {string.Join(", ", AllScenarios)}.");
    }
}
