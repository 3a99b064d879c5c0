using System.Globalization;

namespace LibrarianDesk.Data.Copy;

/// <summary>
/// A progress bar per table. On a terminal it is redrawn in place after every batch; written to a file or a log (output
/// redirected) it is a line at every tenth, so the log stays short and still shows where a copy stopped.
/// </summary>
internal sealed class CopyProgress(TextWriter output, bool interactive)
{
    private const int BarWidth = 30;
    private const int LogSteps = 10;

    public TextWriter Output { get; } = output;

    private bool Interactive { get; } = interactive;

    public Table Start(string name, long total) => new(this, name, total);

    public sealed class Table(CopyProgress progress, string name, long total)
    {
        private int lastStep = -1;

        public async Task AdvanceAsync(long copied)
        {
            var step = total == 0 ? LogSteps : (int)(copied * LogSteps / total);
            if (progress.Interactive)
            {
                await progress.Output.WriteAsync("\r" + Line(copied));
            }
            else if (step > lastStep)
            {
                await progress.Output.WriteLineAsync(Line(copied));
            }

            lastStep = step;
        }

        public async Task DoneAsync()
        {
            if (lastStep < LogSteps)
            {
                await AdvanceAsync(total);
            }

            if (progress.Interactive)
            {
                await progress.Output.WriteLineAsync();
            }
        }

        private string Line(long copied)
        {
            var share = total == 0 ? 1.0 : (double)copied / total;
            var filled = (int)(share * BarWidth);
            return string.Create(CultureInfo.InvariantCulture,
                $"  {name,-24} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {share,4:P0} {copied,9:N0} / {total:N0} rows");
        }
    }
}
