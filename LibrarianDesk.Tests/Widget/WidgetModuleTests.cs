using System.Diagnostics;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Widget;

/// <summary>
/// The widget's own unit tests (Widget/js/*.test.mjs: its state, retry and form rules, without a
/// browser) run with Node's built-in test runner, so <c>dotnet test</c> stays the one test command.
/// Where Node is missing they are skipped with the command that installs it, except under CI (the
/// browser tests' rule, <see cref="Chromium.IsCi"/>), where that is a failure.
/// </summary>
public sealed class WidgetModuleTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_widgets_module_tests_pass_under_node()
    {
        var node = FindNode();
        if (node is null)
        {
            const string install = "install it with `sudo apt-get install -y nodejs`";
            if (Chromium.IsCi)
            {
                throw new InvalidOperationException($"Node.js is required under CI to run the widget's unit tests, but `node` is not on PATH ({install}).");
            }

            Assert.Skip($"Node.js not found on PATH: {install} to run the widget's unit tests.");
        }

        var folder = Path.Combine(Repository.Root, "LibrarianDesk.Tests", "Widget", "js");
        // Named one by one: Node 18 and 20 search a folder argument, later versions take patterns instead.
        var files = Directory.GetFiles(folder, "*.test.mjs").Order(StringComparer.Ordinal).ToList();
        files.Should().NotBeEmpty($"the widget's unit tests live in {folder}");

        var (exitCode, output) = await RunAsync(node, folder, ["--test", .. files]);

        exitCode.Should().Be(0, $"every widget unit test passes; node --test said:\n{output}");
    }

    private static string? FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, OperatingSystem.IsWindows() ? "node.exe" : "node"))
            .FirstOrDefault(File.Exists);

    private static async Task<(int ExitCode, string Output)> RunAsync(string executable, string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(executable) { WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var (exitCode, output, errors) = await ChildProcess.RunAsync(start, Patience, TestContext.Current.CancellationToken);
        return (exitCode, output + errors);
    }
}
