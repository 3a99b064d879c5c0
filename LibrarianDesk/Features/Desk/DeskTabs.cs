using LibrarianDesk.Shared.Staff;

namespace LibrarianDesk.Features.Desk;

/// <summary>
/// This server's desk tabs (Blazor circuits) per librarian, and when each librarian's last tab here went. In memory
/// because the circuits themselves live in this process; with several servers each one reports its own through
/// <see cref="PresenceHeartbeats"/>, and the sweep reads every server's reports there.
/// </summary>
internal sealed class DeskTabs
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, HashSet<string>> circuits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> goneSince = new(StringComparer.Ordinal);

    public void Connected(string librarianId, string circuitId)
    {
        lock (gate)
        {
            if (!circuits.TryGetValue(librarianId, out var open))
            {
                circuits[librarianId] = open = new HashSet<string>(StringComparer.Ordinal);
            }

            open.Add(circuitId);
            goneSince.Remove(librarianId);
        }
    }

    /// <summary>A tab reported gone twice (the connection dropped, then the circuit closed) counts once: the grace does not restart.</summary>
    public void Disconnected(string librarianId, string circuitId, DateTimeOffset now)
    {
        lock (gate)
        {
            if (!circuits.TryGetValue(librarianId, out var open) || !open.Remove(circuitId) || open.Count > 0)
            {
                return;
            }

            circuits.Remove(librarianId);
            goneSince[librarianId] = now;
        }
    }

    public int Open(string librarianId)
    {
        lock (gate)
        {
            return circuits.TryGetValue(librarianId, out var open) ? open.Count : 0;
        }
    }

    /// <summary>This server's report as of <paramref name="now"/>: open tabs renewed now, and when the last tab went where none is left.</summary>
    public List<PresenceHeartbeat> Report(string serverId, DateTimeOffset now)
    {
        lock (gate)
        {
            return circuits.Select(c => new PresenceHeartbeat { ServerId = serverId, LibrarianId = c.Key, OpenTabs = c.Value.Count, RenewedAt = now })
                .Concat(goneSince.Select(g => new PresenceHeartbeat { ServerId = serverId, LibrarianId = g.Key, OpenTabs = 0, RenewedAt = g.Value }))
                .ToList();
        }
    }

    /// <summary>Drops the gone records from before <paramref name="cutoff"/> once they have been acted on, as today's sweep did.</summary>
    public void ForgetGoneBefore(DateTimeOffset cutoff)
    {
        lock (gate)
        {
            foreach (var librarianId in goneSince.Where(g => g.Value <= cutoff).Select(g => g.Key).ToList())
            {
                goneSince.Remove(librarianId);
            }
        }
    }
}
