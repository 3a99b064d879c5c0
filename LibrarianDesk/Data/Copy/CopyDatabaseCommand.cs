using System.Globalization;
using Npgsql;

namespace LibrarianDesk.Data.Copy;

/// <summary>
/// <c>LibrarianDesk copy-database --to-provider PostgreSql --to "&lt;connection string&gt;"</c>: copies the desk's SQLite
/// database, as its settings name it, into an empty PostgreSQL database (<see cref="DatabaseCopy"/>), and exits. A
/// command, not a start: the web host never runs. Arguments after the verb that are not the command's own are desk
/// settings, as on a normal start (<c>--Desk:DataDirectory=/srv/desk/data</c>).
/// </summary>
public sealed class CopyDatabaseCommand
{
    public const string Verb = "copy-database";

    public const string Usage = "Usage: LibrarianDesk copy-database --to-provider PostgreSql --to \"<connection string>\" [--batch-size <rows>]";

    private const int DefaultBatchSize = 2000;
    private const int MaxBatchSize = 100_000;

    private static readonly string[] Options = ["--to-provider", "--to", "--batch-size"];

    private readonly string? problem;
    private readonly string target;
    private readonly int batchSize;

    private CopyDatabaseCommand(string? problem, string target, int batchSize, string[] hostArguments)
    {
        this.problem = problem;
        this.target = target;
        this.batchSize = batchSize;
        HostArguments = hostArguments;
    }

    /// <summary>The arguments left for the desk's configuration.</summary>
    public IReadOnlyList<string> HostArguments { get; }

    /// <summary>The command when <paramref name="args"/> start with its verb, else null (a normal start).</summary>
    public static CopyDatabaseCommand? From(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0] != Verb)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var host = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var (name, inlineValue) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            if (!Options.Contains(name))
            {
                host.Add(args[i]);
                continue;
            }

            var value = inlineValue ?? (i + 1 < args.Length ? args[++i] : null);
            if (string.IsNullOrWhiteSpace(value))
            {
                return Refused($"{name} needs a value.");
            }

            values[name] = value;
        }

        var provider = values.GetValueOrDefault("--to-provider");
        var target = values.GetValueOrDefault("--to");
        var batch = values.GetValueOrDefault("--batch-size");
        if (provider is null || target is null)
        {
            return Refused(provider is null ? "--to-provider is missing." : "--to is missing.");
        }

        if (!provider.Trim().Equals(nameof(DatabaseProvider.PostgreSql), StringComparison.OrdinalIgnoreCase))
        {
            return Refused($"--to-provider is \"{provider}\"; copy-database copies into PostgreSql.");
        }

        var size = DefaultBatchSize;
        if (batch is not null && (!int.TryParse(batch, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxBatchSize))
        {
            return Refused($"--batch-size is \"{batch}\"; give a number of rows from 1 to {MaxBatchSize}.");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(target);
        }
        catch (ArgumentException ex)
        {
            return Refused($"--to is not a PostgreSQL connection string: {ex.Message}");
        }

        return new CopyDatabaseCommand(null, target, size, [.. host]);

        CopyDatabaseCommand Refused(string why) => new(why, "", DefaultBatchSize, [.. host]);
    }

    /// <summary>Runs the copy on the desk's configured (SQLite) database; returns the process's exit code (<see cref="CopyExit"/>).</summary>
    public async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter errors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (problem is not null)
        {
            await errors.WriteLineAsync($"{problem} {Usage}");
            return (int)CopyExit.Usage;
        }

        DeskDatabase source;
        try
        {
            source = services.GetRequiredService<DeskDatabase>();
        }
        catch (DatabaseSettingException ex)
        {
            await errors.WriteLineAsync(ex.Message);
            return (int)CopyExit.Setting;
        }

        try
        {
            if (source.Provider != DatabaseProvider.Sqlite)
            {
                throw new CopyRefusedException(CopyExit.SourceNotSqlite,
                    $"copy-database copies a SQLite desk, but {DeskDatabase.ProviderKey} is {source.Provider}; run it with the settings the SQLite desk ran on.");
            }

            var copy = new DatabaseCopy(source.ConnectionString, target, batchSize, new CopyProgress(output, interactive: output == Console.Out && !Console.IsOutputRedirected));
            await copy.RunAsync(cancellationToken);
            return (int)CopyExit.Copied;
        }
        catch (CopyRefusedException ex)
        {
            await errors.WriteLineAsync(ex.Message);
            return (int)ex.Exit;
        }
    }
}

/// <summary>copy-database's exit codes, for scripts (docs/database.md).</summary>
public enum CopyExit
{
    /// <summary>Every table copied, counts and checksums equal on both sides.</summary>
    Copied = 0,

    /// <summary>The desk's database settings are wrong (the same line a desk start shows).</summary>
    Setting = 1,

    /// <summary>The command's arguments are wrong; the usage follows the reason.</summary>
    Usage = 2,

    /// <summary>The configured database is not SQLite, or the SQLite file is missing or not at the current schema.</summary>
    SourceNotSqlite = 3,

    /// <summary>The target PostgreSQL server cannot be reached or refuses the connection.</summary>
    TargetUnreachable = 4,

    /// <summary>A table in the target database has rows; nothing was written.</summary>
    TargetNotEmpty = 5,

    /// <summary>A table's row count or checksum differs between the two sides after the copy.</summary>
    Mismatch = 6,
}

/// <summary>Why the copy stops, as the one line the console shows, with the exit code that goes with it.</summary>
public sealed class CopyRefusedException(CopyExit exit, string message) : Exception(message)
{
    public CopyExit Exit { get; } = exit;
}
