using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace LibrarianDesk.Bench.Measuring;

/// <summary>
/// Follows each patron message by a number written into its text (<c>m:17:…</c>, answered with
/// <c>r:17:…</c>): when it was sent, when a librarian saw it, when the patron received the reply.
/// Only messages sent while <see cref="Measuring"/> is on are counted. The librarians run with the server
/// in another process: they note when they saw each number (<see cref="LibrarianSightings"/>, a
/// <see cref="Stopwatch"/> timestamp, which on one machine is the same clock in every process), and
/// <see cref="LibrarianSaw"/> turns those notes into latencies once the run is over.
/// </summary>
public sealed class RoundTrips
{
    // Roughly the length of a real question: the same size travels to the desk and to the bare hub.
    private const string Padding = " Selamat siang, saya mencari koleksi surat kabar tahun 1950-an untuk skripsi saya.";

    // Number → whether it is measured, until its reply arrives; send times are kept only for measured ones.
    private readonly ConcurrentDictionary<long, bool> pending = new();
    private readonly ConcurrentDictionary<long, long> measuredSentAt = new();

    // Over the whole run (warm-up included): every acknowledged number, and how many copies of each reply arrived.
    private readonly ConcurrentDictionary<long, byte> acknowledgedNumbers = new();
    private readonly ConcurrentDictionary<long, int> repliesReceived = new();
    private long next;
    private long sent;
    private long acknowledged;
    private long replied;
    private long failed;

    public bool Measuring { get; set; }

    public Latencies Acknowledged { get; } = new();
    public Latencies Seen { get; } = new();
    public Latencies Replied { get; } = new();

    public long Sent => Interlocked.Read(ref sent);
    public long AcknowledgedCount => Interlocked.Read(ref acknowledged);
    public long RepliedCount => Interlocked.Read(ref replied);
    public long Failed => Interlocked.Read(ref failed);

    /// <summary>Every message the desk acknowledged during the run (warm-up included), by number.</summary>
    public IReadOnlyCollection<long> AcknowledgedNumbers => [.. acknowledgedNumbers.Keys];

    /// <summary>Acknowledged messages whose reply never reached the patron, over the whole run.</summary>
    public long RepliesNeverReceived => acknowledgedNumbers.Keys.Count(n => !repliesReceived.ContainsKey(n));

    /// <summary>Second and later copies of a reply a patron received, over the whole run.</summary>
    public long DuplicateReplies => repliesReceived.Values.Sum(n => n - 1);

    /// <summary>Messages still waiting for a reply (all of them, or only the measured ones).</summary>
    public int Pending(bool measuredOnly) => pending.Count(p => !measuredOnly || p.Value);

    public (long Started, string Text) NewMessage()
    {
        var number = Interlocked.Increment(ref next);
        var started = Stopwatch.GetTimestamp();
        var measured = Measuring;
        if (measured)
        {
            measuredSentAt[number] = started;
            Interlocked.Increment(ref sent);
        }

        pending[number] = measured;
        return (started, string.Create(CultureInfo.InvariantCulture, $"m:{number}:{Padding}"));
    }

    public void AcknowledgedAt(long started, string text)
    {
        if (PatronMessageNumber(text) is { } number)
        {
            acknowledgedNumbers.TryAdd(number, 0);
        }

        if (Measuring)
        {
            Acknowledged.Since(started);
            Interlocked.Increment(ref acknowledged);
        }
    }

    public void SendFailed() => Interlocked.Increment(ref failed);

    /// <summary>The reply a librarian writes to a patron message, or null for any other text.</summary>
    public static string? ReplyTo(string patronText) =>
        Number(patronText, 'm') is { } number ? string.Create(CultureInfo.InvariantCulture, $"r:{number}:{Padding}") : null;

    /// <summary>Records when a librarian saw message <paramref name="number"/>, if it was measured.</summary>
    public void LibrarianSaw(long number, long seenAt)
    {
        if (measuredSentAt.TryGetValue(number, out var sentAt))
        {
            Seen.Add(Stopwatch.GetElapsedTime(sentAt, seenAt).TotalMilliseconds);
        }
    }

    /// <summary>The number of a patron message written by <see cref="NewMessage"/>, or null for any other text.</summary>
    public static long? PatronMessageNumber(string text) => Number(text, 'm');

    /// <summary>The number of the patron message a reply written by <see cref="ReplyTo"/> answers, or null for any other text.</summary>
    public static long? ReplyNumber(string text) => Number(text, 'r');

    public void PatronReceived(string librarianText)
    {
        if (Number(librarianText, 'r') is not { } number)
        {
            return;
        }

        // A reply can overtake its message's acknowledgement: count it whenever it comes.
        repliesReceived.AddOrUpdate(number, 1, (_, n) => n + 1);
        if (pending.TryRemove(number, out var measured) && measured)
        {
            Replied.Since(measuredSentAt[number]);
            Interlocked.Increment(ref replied);
        }
    }

    private static long? Number(string text, char kind)
    {
        if (text.Length < 3 || text[0] != kind || text[1] != ':')
        {
            return null;
        }

        var end = text.IndexOf(':', 2);
        return end > 2 && long.TryParse(text.AsSpan(2, end - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
    }
}
