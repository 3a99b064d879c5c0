using LibrarianDesk.Data;
using LibrarianDesk.Hosting;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Desk;

/// <summary>
/// Presence that follows the browser: counts each librarian's connected desk circuits (tabs) and,
/// when the last one has been gone for the grace period, sets the librarian Offline. A reload or a
/// short network drop reconnects within the grace and changes nothing. After a restart nobody has a
/// circuit: whoever is still Online or Away from before it and has not come back within the grace
/// becomes Offline too.
/// </summary>
public sealed class PresenceTracker(
    PresenceService presence,
    IDbContextFactory<DeskDbContext> dbFactory,
    IOptionsMonitor<PresenceOptions> options,
    TimeProvider time,
    ILogger<PresenceTracker> logger) : PeriodicWork(time, logger)
{
    private readonly Lock gate = new();
    private readonly SemaphoreSlim sweeping = new(1, 1);
    private readonly Dictionary<string, HashSet<string>> circuits = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> goneSince = new(StringComparer.Ordinal);
    private readonly DateTimeOffset startedAt = time.GetUtcNow();
    private bool startUpSwept;

    private TimeSpan Grace => TimeSpan.FromSeconds(Math.Max(0, options.CurrentValue.OfflineAfterSeconds));

    /// <summary>A desk tab of this librarian is connected.</summary>
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

    /// <summary>A desk tab of this librarian lost its connection or was closed; the grace starts with the last one.</summary>
    public void Disconnected(string librarianId, string circuitId)
    {
        lock (gate)
        {
            if (!circuits.TryGetValue(librarianId, out var open) || !open.Remove(circuitId) || open.Count > 0)
            {
                return;
            }

            circuits.Remove(librarianId);
            goneSince[librarianId] = Time.GetUtcNow();
        }
    }

    /// <summary>How many desk tabs of this librarian are connected now.</summary>
    public int OpenCircuits(string librarianId)
    {
        lock (gate)
        {
            return circuits.TryGetValue(librarianId, out var open) ? open.Count : 0;
        }
    }

    /// <summary>Sets Offline every librarian whose tabs have all been gone for the grace period; returns how many changed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        await sweeping.WaitAsync(cancellationToken);
        try
        {
            var now = Time.GetUtcNow();
            var grace = Grace;
            List<string> gone;
            bool startUpDue;
            lock (gate)
            {
                gone = goneSince.Where(g => now - g.Value >= grace).Select(g => g.Key).ToList();
                gone.ForEach(id => goneSince.Remove(id));
                startUpDue = !startUpSwept && now - startedAt >= grace;
            }

            if (startUpDue)
            {
                gone.AddRange(await StillPresentFromBeforeStartUpAsync(cancellationToken));
            }

            var changed = 0;
            foreach (var librarianId in gone.Distinct(StringComparer.Ordinal))
            {
                if (OpenCircuits(librarianId) == 0 && await presence.GetAsync(librarianId, cancellationToken) != Presence.Offline)
                {
                    await presence.SetAsync(librarianId, Presence.Offline, cancellationToken);
                    changed++;
                }
            }

            startUpSwept |= startUpDue;
            return changed;
        }
        finally
        {
            sweeping.Release();
        }
    }

    /// <summary>Online or Away since before this process started (their tabs were connected to the previous one).</summary>
    private async Task<List<string>> StillPresentFromBeforeStartUpAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking()
            .Where(u => u.Presence != Presence.Offline && (u.PresenceChangedAt == null || u.PresenceChangedAt < startedAt))
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
    }

    // Checked a few times per grace period, so Offline follows at most a few seconds after it ends.
    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Clamp(options.CurrentValue.OfflineAfterSeconds / 4.0, 1, 15));

    protected override string FailureMessage => "Could not set absent librarians Offline";

    // Every server sweeps its own librarians' circuits, so no lease.
    protected override Task RunOnceAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    public override void Dispose()
    {
        sweeping.Dispose();
        base.Dispose();
    }
}
