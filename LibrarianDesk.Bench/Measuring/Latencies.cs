using System.Diagnostics;

namespace LibrarianDesk.Bench.Measuring;

/// <summary>Latency samples in milliseconds, recorded from many threads.</summary>
public sealed class Latencies
{
    private readonly Lock gate = new();
    private readonly List<double> samples = [];

    public int Count
    {
        get
        {
            lock (gate)
            {
                return samples.Count;
            }
        }
    }

    public void Add(double milliseconds)
    {
        lock (gate)
        {
            samples.Add(milliseconds);
        }
    }

    /// <summary>Records the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Since(long startTimestamp) => Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);

    public LatencySummary Summarise()
    {
        double[] sorted;
        lock (gate)
        {
            sorted = [.. samples];
        }

        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, At(sorted, 0.50), At(sorted, 0.95), At(sorted, 0.99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }

    private static double At(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}

public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max)
{
    public IEnumerable<(string Name, double Value)> Percentiles =>
        [("p50", P50), ("p95", P95), ("p99", P99), ("max", Max)];
}
