using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// A real, throwaway PostgreSQL cluster for the test run: <c>initdb</c> into a temporary folder and <c>pg_ctl start</c>
/// on a free local port, its socket in that folder, no system service involved. Started by the first test that needs it,
/// stopped and deleted when the test run ends. Each test class gets its own database (<see cref="CreateDatabaseAsync"/>).
/// The binaries come from PATH or Debian's /usr/lib/postgresql/*/bin. Where they are missing, PostgreSQL tests are skipped
/// with the command that installs them, except under CI (<see cref="Chromium.IsCi"/>), where that is a failure.
/// </summary>
public sealed class PostgreSqlCluster
{
    private const string Install = "install it with `sudo apt-get install -y postgresql`";

    // initdb refuses to run as root: as root (CI containers) the cluster belongs to Debian's postgres user.
    private const string ClusterUser = "postgres";

    private static readonly Lazy<Task<PostgreSqlCluster?>> Shared = new(StartAsync);

    private readonly string binaries;
    private readonly string folder;

    private PostgreSqlCluster(string binaries, string folder, int port)
    {
        this.binaries = binaries;
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    private string SocketDirectory => Path.Combine(folder, "socket");

    private string DataFolder => Path.Combine(folder, "data");

    /// <summary>The run's cluster; skips the calling test where PostgreSQL is not installed (fails under CI).</summary>
    public static async Task<PostgreSqlCluster> RequireAsync()
    {
        if (await Shared.Value is { } cluster)
        {
            return cluster;
        }

        Assert.Skip(Missing);
        throw new UnreachableException("Assert.Skip ends the test.");
    }

    /// <summary>Why PostgreSQL tests skip here: null where PostgreSQL is installed, or under CI (where its absence fails them).</summary>
    public static string? SkipReason => FindBinaries() is null && !Chromium.IsCi ? Missing : null;

    private static string Missing => $"PostgreSQL's initdb was not found on PATH or in /usr/lib/postgresql/*/bin: {Install} to run the PostgreSQL tests.";

    /// <summary>Connects as the cluster's superuser through its socket.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = SocketDirectory,
        Port = Port,
        Database = database,
        Username = ClusterUser,
    }.ConnectionString;

    /// <summary>A new, empty database with a unique name; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "desk_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private static async Task<PostgreSqlCluster?> StartAsync()
    {
        if (FindBinaries() is not { } binaries)
        {
            return Chromium.IsCi
                ? throw new InvalidOperationException($"PostgreSQL is required under CI but initdb is not on PATH or in /usr/lib/postgresql/*/bin ({Install}).")
                : null;
        }

        var folder = Path.Combine(Path.GetTempPath(), "librariandesk-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(folder, "socket"));
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", $"{ClusterUser}:{ClusterUser}", folder], asClusterUser: false);
        }

        var cluster = new PostgreSqlCluster(binaries, folder, FreePort());
        await cluster.RunToolAsync("initdb", ["-D", cluster.DataFolder, "-U", ClusterUser, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);

        // Durability is pointless for a throwaway cluster; the desks of a whole run share it.
        await cluster.RunToolAsync("pg_ctl",
        [
            "-D", cluster.DataFolder, "-l", Path.Combine(folder, "server.log"), "-w", "start", "-o",
            $"-p {cluster.Port} -k {cluster.SocketDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
        ]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return cluster;
    }

    private void Stop()
    {
        try
        {
            RunToolAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"]).GetAwaiter().GetResult();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments) =>
        RunAsync(Path.Combine(binaries, tool), arguments, asClusterUser: IsRoot);

    private static bool IsRoot => Environment.UserName == "root";

    private static async Task RunAsync(string executable, IReadOnlyList<string> arguments, bool asClusterUser)
    {
        var start = new ProcessStartInfo(asClusterUser ? "runuser" : executable);
        foreach (var argument in (asClusterUser ? ["-u", ClusterUser, "--", executable] : Array.Empty<string>()).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        var (exitCode, output, errors) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} failed ({exitCode}):\n{output}{errors}");
        }
    }

    private static string? FindBinaries() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(v => int.TryParse(Path.GetFileName(v), out var major) ? major : 0).Select(v => Path.Combine(v, "bin"))
                : [])
            .Where(directory => File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl")))
            .Select(directory => Path.GetDirectoryName(Path.GetFullPath(ResolveLink(Path.Combine(directory, "initdb")))))
            .FirstOrDefault();

    // Debian links /usr/local/bin/initdb (or a wrapper) to the versioned folder, where pg_ctl's siblings are.
    private static string ResolveLink(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
