using System.Globalization;
using LibrarianDesk.Data;

namespace LibrarianDesk.Bench;

/// <summary>
/// The command line: <c>[--quick] [--url http://host:port] [--only chat,visitors,persistence,claim,data] [--out file.json]
/// [--provider Sqlite|PostgreSql --postgres "admin connection string"] [--servers 2 --redis "redis configuration"]</c>.
/// </summary>
public sealed record BenchOptions
{
    public static readonly string[] AllScenarios = ["chat", "visitors", "persistence", "claim", "data"];

    /// <summary>The scenarios that measure a database, the only ones that run on PostgreSQL.</summary>
    public static readonly string[] DatabaseScenarios = ["persistence", "claim", "data"];

    public bool Quick { get; init; }

    /// <summary>A running desk to load instead of an in-process one (patron-side scenarios only).</summary>
    public Uri? Url { get; init; }

    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>(AllScenarios);

    public string Output { get; init; } = Path.Combine("artifacts", "bench",
        $"results-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.json");

    /// <summary>The engine the desks and their hand-written baselines run on.</summary>
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// With <see cref="DatabaseProvider.PostgreSql"/>: a connection string for a role that may create databases; every
    /// desk gets a database of its own on that server, dropped when it stops.
    /// </summary>
    public string? PostgreSql { get; init; }

    /// <summary>
    /// How many servers the chat runs on: 1, or 2 (one desk on two servers sharing the PostgreSQL server of
    /// <see cref="PostgreSql"/> and the Redis of <see cref="Redis"/>, beside the bare hub on two servers with SignalR's
    /// Redis backplane).
    /// </summary>
    public int Servers { get; init; } = 1;

    /// <summary>With two servers: the StackExchange.Redis configuration of the Redis they share.</summary>
    public string? Redis { get; init; }

    public bool Runs(string scenario) => Only.Contains(scenario);

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new BenchOptions();
        var chosen = false;
        for (var i = 0; i < args.Count; i++)
        {
            chosen |= args[i] == "--only";
            options = args[i] switch
            {
                "--quick" => options with { Quick = true },
                "--url" => options with { Url = new Uri(Value(args, ++i)) },
                "--out" => options with { Output = Value(args, ++i) },
                "--only" => options with { Only = Scenarios(Value(args, ++i)) },
                "--provider" => options with { Provider = ProviderNamed(Value(args, ++i)) },
                "--postgres" => options with { PostgreSql = Value(args, ++i) },
                "--servers" => options with { Servers = ServerCount(Value(args, ++i)) },
                "--redis" => options with { Redis = Value(args, ++i) },
                var other => throw new ArgumentException($"Unknown option '{other}'. Usage: {Usage}"),
            };
        }

        return options.Servers > 1 ? OnSeveralServers(options, chosen)
            : options.Redis is not null ? throw new ArgumentException($"--redis names the Redis of --servers 2. Usage: {Usage}")
            : options.Provider == DatabaseProvider.PostgreSql ? OnPostgreSql(options, chosen) : OnSqlite(options);
    }

    public const string Usage = "LibrarianDesk.Bench [--quick] [--url http://127.0.0.1:5080] [--only chat,visitors,persistence,claim,data] [--out artifacts/bench/results.json] "
        + "[--provider Sqlite|PostgreSql] [--postgres \"Host=…;Username=…;Password=…;Database=postgres\"] [--servers 1|2] [--redis \"host:port\"]";

    private static string Value(IReadOnlyList<string> args, int i) =>
        i < args.Count ? args[i] : throw new ArgumentException($"Option '{args[i - 1]}' needs a value. Usage: {Usage}");

    private static HashSet<string> Scenarios(string list)
    {
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unknown = names.Except(AllScenarios, StringComparer.OrdinalIgnoreCase).ToList();
        return unknown.Count == 0 ? names : throw new ArgumentException($"Unknown scenario(s) {string.Join(", ", unknown)}; known: {string.Join(", ", AllScenarios)}.");
    }

    private static int ServerCount(string value) => value switch
    {
        "1" => 1,
        "2" => 2,
        _ => throw new ArgumentException($"--servers is 1 or 2, not '{value}'."),
    };

    // By name in any case, as the desk reads Desk:Database:Provider (never a number).
    private static DatabaseProvider ProviderNamed(string name)
    {
        foreach (var provider in Enum.GetValues<DatabaseProvider>())
        {
            if (provider.ToString().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return provider;
            }
        }

        throw new ArgumentException($"Unknown provider '{name}'; use Sqlite (the default) or PostgreSql.");
    }

    private static BenchOptions OnSqlite(BenchOptions options) => options.PostgreSql is null ? options
        : throw new ArgumentException($"--postgres names the server for --provider PostgreSql. Usage: {Usage}");

    // Chat and visitors measure the hub and the connections (their child servers run the default SQLite desk), so
    // PostgreSQL runs the database scenarios; naming another one is a mistake, not something to skip quietly.
    private static BenchOptions OnPostgreSql(BenchOptions options, bool chosen)
    {
        if (string.IsNullOrWhiteSpace(options.PostgreSql))
        {
            throw new ArgumentException($"--provider PostgreSql needs --postgres \"<connection string of a role that may create databases>\". Usage: {Usage}");
        }

        if (!chosen)
        {
            return options with { Only = new HashSet<string>(DatabaseScenarios) };
        }

        var others = options.Only.Except(DatabaseScenarios, StringComparer.OrdinalIgnoreCase).ToList();
        return others.Count == 0 ? options
            : throw new ArgumentException($"On PostgreSQL the bench runs {string.Join(", ", DatabaseScenarios)}; {string.Join(", ", others)} run on SQLite only.");
    }

    // Two servers share one database and one Redis, as a library runs them; the chat is what crosses between them
    // (patrons on one server, their librarians on the other), so it is the one scenario that runs.
    private static BenchOptions OnSeveralServers(BenchOptions options, bool chosen)
    {
        if (options.Provider != DatabaseProvider.PostgreSql || string.IsNullOrWhiteSpace(options.PostgreSql))
        {
            throw new ArgumentException($"--servers 2 needs --provider PostgreSql --postgres \"<connection string of a role that may create databases>\": the servers share one database. Usage: {Usage}");
        }

        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            throw new ArgumentException($"--servers 2 needs --redis \"<StackExchange.Redis configuration>\": the servers share one Redis. Usage: {Usage}");
        }

        if (options.Url is not null)
        {
            throw new ArgumentException("--servers 2 starts its own servers; it cannot load --url.");
        }

        var others = chosen ? options.Only.Except(["chat"], StringComparer.OrdinalIgnoreCase).ToList() : [];
        return others.Count == 0 ? options with { Only = new HashSet<string>(["chat"]) }
            : throw new ArgumentException($"On two servers the bench runs chat; {string.Join(", ", others)} run on one server.");
    }
}
