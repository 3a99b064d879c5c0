using System.Diagnostics;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>The desk's own program run as an administrator runs it (<c>dotnet LibrarianDesk.dll …</c>), to its exit.</summary>
public static class DeskProcess
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>Runs the desk with <paramref name="arguments"/> and settings given as environment variables (<c>Desk__DataDirectory</c>…).</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(IReadOnlyDictionary<string, string?> environment, params IEnumerable<string> arguments) =>
        await ChildProcess.RunAsync(StartInfo(environment, arguments), Patience, TestContext.Current.CancellationToken);

    /// <summary>How the desk's program is started: <c>dotnet LibrarianDesk.dll</c>, settings as environment variables.</summary>
    internal static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string?> environment, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet");
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }
}
