namespace LibrarianDesk.Shared.Reporting;

/// <summary>
/// The wait-time distribution's buckets: &lt; 30 s, 30 s–1 min, 1–3 min, 3–10 min, &gt; 10 min. Each
/// bucket holds waits from its lower bound (inclusive) up to the next bound (exclusive).
/// </summary>
public static class WaitBuckets
{
    /// <summary>Upper bounds in seconds (exclusive) of every bucket but the last, which is open-ended.</summary>
    public static IReadOnlyList<int> UpperBoundsSeconds { get; } = [30, 60, 180, 600];
}
