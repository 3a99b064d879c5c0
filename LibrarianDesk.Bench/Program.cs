using LibrarianDesk.Bench.Hosting;
using LibrarianDesk.Bench.Reporting;

namespace LibrarianDesk.Bench;

/// <summary>The bench's entry point (a named class: the desk's own <c>Program</c> is referenced too).</summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["serve", .. var serve])
        {
            // A server in its own process: its memory, CPU and garbage collector are its own, not shared with the patrons.
            return await ChildServer.ServeAsync(serve);
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var report = await BenchRunner.RunAsync(options, ProgressLog.Console, cancel.Token);
        Console.WriteLine(report.ToMarkdown());
        await report.SaveAsync(options.Output);
        Console.Error.WriteLine($"Results saved to {Path.GetFullPath(options.Output)}");
        return report.AllCorrect ? 0 : 1;
    }
}
