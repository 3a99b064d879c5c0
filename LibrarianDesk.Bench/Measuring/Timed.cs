using System.Diagnostics;

namespace LibrarianDesk.Bench.Measuring;

public static class Timed
{
    public static async Task<TimeSpan> RunAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var start = Stopwatch.GetTimestamp();
        await work();
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>
    /// The median of several runs after one warm-up run (first-query compilation is not what a user waits
    /// for twice). A run of work that takes less than <see cref="ShortestRun"/> repeats it until that much
    /// time has passed and counts the mean: a single sub-millisecond call is at the mercy of one timer
    /// tick or one thread-pool hop, so its median alone would say more about the machine than the code.
    /// </summary>
    public static async Task<TimeSpan> MedianAsync(int runs, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await work();
        var times = new List<TimeSpan>(runs);
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var calls = 0;
            do
            {
                await work();
                calls++;
            }
            while (Stopwatch.GetElapsedTime(start) < ShortestRun);

            times.Add(Stopwatch.GetElapsedTime(start) / calls);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static readonly TimeSpan ShortestRun = TimeSpan.FromMilliseconds(20);

    /// <summary>Waits until <paramref name="condition"/> holds or the time is up; true when it held.</summary>
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan patience)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
