using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// A real, throwaway Redis for the test run: Debian's <c>redis-server</c> as a child process on a free local port, without
/// persistence, in a temporary folder; no system service involved. Started by the first test that needs it and killed
/// when the run ends. Desks sharing it stay apart by their <c>Desk:Redis:Prefix</c> (<see cref="NewPrefix"/>). Where
/// redis-server is missing its tests skip with the install command, except under CI, where that is a failure.
/// </summary>
public sealed class RedisServer
{
    private const string Executable = "/usr/bin/redis-server";
    private const string Install = "install it with `sudo apt-get install -y redis-server`";

    private static readonly Lazy<Task<RedisServer?>> Shared = new(StartAsync);

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The desk's <c>Desk:Redis:Configuration</c> for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>Why Redis tests skip here: null where redis-server is installed, or under CI (where its absence fails them).</summary>
    public static string? SkipReason => File.Exists(Executable) || Chromium.IsCi ? null : Missing;

    private static string Missing => $"{Executable} was not found: {Install} to run the several-servers tests.";

    /// <summary>The run's Redis; skips the calling test where redis-server is not installed (fails under CI).</summary>
    public static async Task<RedisServer> RequireAsync()
    {
        if (await Shared.Value is { } server)
        {
            return server;
        }

        Assert.Skip(Missing);
        throw new UnreachableException("Assert.Skip ends the test.");
    }

    /// <summary>A prefix no other desk of the run uses.</summary>
    public static string NewPrefix() => "desk-test-" + Guid.NewGuid().ToString("N")[..12];

    private static async Task<RedisServer?> StartAsync()
    {
        if (!File.Exists(Executable))
        {
            return Chromium.IsCi ? throw new InvalidOperationException($"Redis is required under CI but {Executable} is missing ({Install}).") : null;
        }

        var folder = Path.Combine(Path.GetTempPath(), "librariandesk-redis-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var server = new RedisServer(FreePort());
        var start = new ProcessStartInfo(Executable) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", server.Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder, "--daemonize", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            process.Kill(entireProcessTree: true);
            Directory.Delete(folder, recursive: true);
        };

        await Eventually.TrueAsync(() => Answers(server.Configuration), $"redis-server answering on port {server.Port}");
        return server;
    }

    private static bool Answers(string configuration)
    {
        try
        {
            using var redis = ConnectionMultiplexer.Connect(configuration + ",connectTimeout=1000");
            redis.GetDatabase().Ping();
            return true;
        }
        catch (RedisConnectionException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
