using System.Diagnostics;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>Runs a program the tests need (node, PostgreSQL's tools, the desk itself) to its end.</summary>
public static class ChildProcess
{
    /// <summary>Runs <paramref name="start"/> with its output captured; kills it and throws when it outlasts <paramref name="patience"/>.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(
        ProcessStartInfo start, TimeSpan patience, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(start.FileName)} {string.Join(' ', start.ArgumentList)} did not finish within {patience.TotalMinutes} minutes.");
        }

        return (process.ExitCode, await output, await errors);
    }
}
