using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace LibrarianDesk.Bench.Measuring;

/// <summary>
/// Kept by the simulated librarians in the server's process: when each patron message was seen (a
/// <see cref="Stopwatch"/> timestamp) and how many replies failed. Saved to a file when the server stops,
/// for the bench's <see cref="RoundTrips"/> to read.
/// </summary>
public sealed class LibrarianSightings
{
    private readonly ConcurrentQueue<Sighting> seen = new();
    private long errors;

    public long Errors => Interlocked.Read(ref errors);

    /// <summary>Notes that a librarian now sees <paramref name="patronText"/> (any other text is ignored).</summary>
    public void Saw(string patronText)
    {
        if (RoundTrips.PatronMessageNumber(patronText) is { } number)
        {
            seen.Enqueue(new Sighting(number, Stopwatch.GetTimestamp()));
        }
    }

    public void ReplyFailed() => Interlocked.Increment(ref errors);

    public async Task SaveAsync(string path)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, new Saved([.. seen], Errors));
    }

    /// <summary>Reads what the server's librarians saved into <paramref name="trips"/>; returns their reply errors.</summary>
    public static async Task<long> LoadIntoAsync(string path, RoundTrips trips)
    {
        ArgumentNullException.ThrowIfNull(trips);
        await using var file = File.OpenRead(path);
        var saved = await JsonSerializer.DeserializeAsync<Saved>(file)
            ?? throw new InvalidOperationException($"No librarian sightings in {path}.");
        foreach (var sighting in saved.Seen)
        {
            trips.LibrarianSaw(sighting.Number, sighting.At);
        }

        return saved.Errors;
    }

    private sealed record Sighting(long Number, long At);

    private sealed record Saved(IReadOnlyList<Sighting> Seen, long Errors);
}
