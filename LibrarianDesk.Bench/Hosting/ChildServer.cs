using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using LibrarianDesk.Bench.Measuring;
using LibrarianDesk.Bench.Scenarios;

namespace LibrarianDesk.Bench.Hosting;

/// <summary>
/// The desk or the bare hub in a child process of the bench
/// (<c>LibrarianDesk.Bench serve desk|echo|durable-echo [librarians sightings-file]</c>): it prints its
/// address, answers <see cref="ServerStats.Path"/>, and stops when its input closes. With librarians it
/// also runs the chat's simulated librarians beside the server, as the desk's Blazor circuits run beside
/// its hub, and saves what they saw to the file as it stops (<see cref="LibrarianSightings"/>). Started with a
/// <see cref="ServerGroup"/> in its environment, it is one of several servers, and its librarians answer the patrons
/// connected to the others.
/// </summary>
public sealed class ChildServer : IBenchServer
{
    private const string Ready = "listening ";

    private readonly Process process;
    private readonly HttpClient http;

    private ChildServer(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        http = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public static async Task<int> ServeAsync(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (kind, librarians) = args switch
        {
            [var k] => (k, null),
            [var k, var count, var sightingsPath] => (k, new ChildLibrarians(int.Parse(count, CultureInfo.InvariantCulture), sightingsPath)),
            _ => throw new ArgumentException("serve desk|echo|durable-echo [librarians sightings-file]", nameof(args)),
        };
        var sightings = new LibrarianSightings();
        var group = ServerGroup.FromEnvironment();
        await using var server = await StartServerAsync(kind, group);
        await using (await StartLibrariansAsync(server, librarians?.Count ?? 0, sightings, group is not null))
        {
            Console.WriteLine(Ready + server.BaseAddress);

            // Console.In reads synchronously even when asked asynchronously: on a pool thread it would hold one of the
            // two cores' few pool threads for the whole run, and the server would wait for the pool to grow.
            await Task.Factory.StartNew(Console.In.ReadToEnd, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        if (librarians is not null)
        {
            await sightings.SaveAsync(librarians.SightingsPath);
        }

        return 0;
    }

    private static async Task<IBenchServer> StartServerAsync(string kind, ServerGroup? group)
    {
        switch (kind)
        {
            case "desk":
                var desk = new DeskHost(group: group);
                await desk.StartAsync();
                return desk;
            case "echo":
                return await EchoHost.StartAsync(group: group);
            case "durable-echo":
                return await EchoHost.StartAsync(durable: true);
            default:
                throw new ArgumentException($"Unknown server kind '{kind}' (desk, echo or durable-echo).", nameof(kind));
        }
    }

    private static async Task<IAsyncDisposable?> StartLibrariansAsync(IBenchServer server, int count, LibrarianSightings sightings, bool patronsElsewhereOnly)
    {
        if (count == 0)
        {
            return null;
        }

        return server switch
        {
            DeskHost desk => new SimulatedLibrarians(desk, await desk.CreateLibrariansAsync(desk.AccountPrefix("chat"), count), sightings, patronsElsewhereOnly),
            EchoHost echo => new EchoLibrarians(echo, count, sightings),
            _ => throw new InvalidOperationException($"No librarians for {server.GetType().Name}."),
        };
    }

    /// <param name="kind">desk, echo or durable-echo.</param>
    /// <param name="librarians">The chat's librarians to run beside the server, or null for none.</param>
    /// <param name="group">The servers this one joins, or null for a server on its own.</param>
    public static async Task<ChildServer> StartAsync(string kind, ChildLibrarians? librarians, ServerGroup? group, CancellationToken cancellationToken)
    {
        // Started as "dotnet LibrarianDesk.Bench.dll serve …", which works from the bench and from the test host alike.
        var self = Environment.ProcessPath;
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH")
            ?? (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet");
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(ChildServer).Assembly.Location);
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(kind);
        if (librarians is not null)
        {
            start.ArgumentList.Add(librarians.Count.ToString(CultureInfo.InvariantCulture));
            start.ArgumentList.Add(librarians.SightingsPath);
        }

        group?.WriteTo(start.Environment);
        var process = Process.Start(start) ?? throw new InvalidOperationException("The server process did not start.");
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith(Ready, StringComparison.Ordinal))
            {
                return new ChildServer(process, new Uri(line[Ready.Length..]));
            }
        }

        throw new InvalidOperationException($"The {kind} server exited before listening (exit code {process.ExitCode}).");
    }

    public async Task<ServerStats> StatsAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<ServerStats>(ServerStats.Path, cancellationToken)
        ?? throw new InvalidOperationException("No stats.");

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }
}

/// <summary>How many simulated librarians a child server runs and where they save what they saw.</summary>
public sealed record ChildLibrarians(int Count, string SightingsPath);
