using System.Diagnostics;
using System.Net.Http.Json;

namespace LibrarianDesk.Bench.Hosting;

/// <summary>
/// The desk or the bare hub in a child process of the bench (<c>LibrarianDesk.Bench serve desk|echo</c>):
/// it prints its address, answers <see cref="ServerStats.Path"/>, and stops when its input closes.
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

    public static async Task<int> ServeAsync(string kind)
    {
        await using IBenchServer server = kind switch
        {
            "desk" => await StartDeskAsync(),
            "echo" => await EchoHost.StartAsync(),
            _ => throw new ArgumentException($"Unknown server kind '{kind}' (desk or echo).", nameof(kind)),
        };
        Console.WriteLine(Ready + server.BaseAddress);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    private static async Task<DeskHost> StartDeskAsync()
    {
        var desk = new DeskHost();
        await desk.StartAsync();
        return desk;
    }

    public static async Task<ChildServer> StartAsync(string kind, CancellationToken cancellationToken)
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
