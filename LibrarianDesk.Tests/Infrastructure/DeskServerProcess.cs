using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// The desk's own program (<see cref="DeskProcess"/>) running as a server, as systemd runs it, on a port the system
/// chooses on the loopback, until a test kills it (<see cref="Kill"/>: the whole process tree, no graceful stop) or
/// disposes it. Its console output is kept for the message of a start that fails.
/// </summary>
public sealed partial class DeskServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(2);

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DeskServerProcess(Process process) => this.process = process;

    /// <summary>The address Kestrel reported it listens on.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    public bool HasExited => process.HasExited;

    /// <summary>What the desk wrote to its console so far.</summary>
    public string Output => string.Join('\n', output);

    /// <summary>
    /// Starts the desk with <paramref name="settings"/> (environment variables, <c>Desk__…</c>) and returns once it has
    /// started (its database ready, every background service running) and listens.
    /// </summary>
    public static async Task<DeskServerProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var environment = new Dictionary<string, string?>
        {
            // Port 0: the system chooses a free port, read back from the host's "Now listening on" line (no port race).
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Logging__LogLevel__Default"] = Environment.GetEnvironmentVariable("DESK_TEST_LOGLEVEL") ?? "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var start = DeskProcess.StartInfo(environment, []);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var server = new DeskServerProcess(new Process { StartInfo = start, EnableRaisingEvents = true });
        server.process.OutputDataReceived += (_, line) => server.Read(line.Data);
        server.process.ErrorDataReceived += (_, line) => server.Read(line.Data);
        server.process.Exited += (_, _) => server.started.TrySetException(
            new InvalidOperationException($"The desk exited ({server.process.ExitCode}) before it had started:\n{server.Output}"));
        server.process.Start();
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        try
        {
            await server.started.Task.WaitAsync(StartPatience);
            server.BaseAddress = await server.listening.Task.WaitAsync(StartPatience);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the server as a crash or <c>kill -9</c> would: no shutdown, open connections simply drop.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
        else if (line.Contains("Application started.", StringComparison.Ordinal))
        {
            started.TrySetResult();
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
