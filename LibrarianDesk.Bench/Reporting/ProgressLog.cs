using System.Diagnostics;
using System.Globalization;

namespace LibrarianDesk.Bench.Reporting;

/// <summary>Progress on stderr (the table goes to stdout), each line stamped with the time since the run began.</summary>
public sealed class ProgressLog(TextWriter writer)
{
    private readonly long started = Stopwatch.GetTimestamp();

    public static ProgressLog Console { get; } = new(System.Console.Error);

    public static ProgressLog Silent { get; } = new(TextWriter.Null);

    public void Say(string scenario, string what)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        lock (writer)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{elapsed:mm\\:ss}] {scenario}: {what}"));
        }
    }
}
