using LibrarianDesk.Data;
using LibrarianDesk.Hosting;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Desk;

/// <summary>
/// Presence that follows the browser: counts each librarian's connected desk circuits (tabs) and, when the last one
/// has been gone for the grace period, sets the librarian Offline. A reload or a short network drop reconnects within
/// the grace and changes nothing. A librarian still Online or Away from before this server started, with no tab seen
/// since, becomes Offline once the grace after the start has passed.
/// <para>
/// On SQLite the desk is one process and its tabs are all there are. On PostgreSQL several servers may share the
/// database: each reports its tabs in <see cref="PresenceHeartbeats"/> (at every round and when a tab connects), and
/// the sweep, one server at a time (<see cref="IPeriodicWorkLease"/>), judges from every server's reports, so a
/// restart of one server leaves the librarians working through another Online, and a crashed server's tabs count
/// until its reports expire (<see cref="PresenceOptions.ServerExpirySeconds"/>), then the grace runs.
/// </para>
/// </summary>
public sealed partial class PresenceTracker : PeriodicWork
{
    private readonly PresenceService presence;
    private readonly IDbContextFactory<DeskDbContext> dbFactory;
    private readonly IOptionsMonitor<PresenceOptions> options;
    private readonly IPeriodicWorkLease lease;
    private readonly ILogger<PresenceTracker> logger;
    private readonly string serverId;
    private readonly DeskTabs tabs = new();
    private readonly SemaphoreSlim sweeping = new(1, 1);
    private readonly SemaphoreSlim reporting = new(1, 1);
    private readonly DateTimeOffset startedAt;

    /// <summary>Null on SQLite: the one process's own tabs are every tab.</summary>
    private readonly PresenceHeartbeats? heartbeats;

    /// <summary>A tracker that is a server of its own, always sweeping.</summary>
    public PresenceTracker(
        PresenceService presence,
        IDbContextFactory<DeskDbContext> dbFactory,
        IOptionsMonitor<PresenceOptions> options,
        TimeProvider time,
        ILogger<PresenceTracker> logger)
        : this(presence, dbFactory, options, time, logger, new DeskServer(), new InProcessPeriodicWorkLease())
    {
    }

    public PresenceTracker(
        PresenceService presence,
        IDbContextFactory<DeskDbContext> dbFactory,
        IOptionsMonitor<PresenceOptions> options,
        TimeProvider time,
        ILogger<PresenceTracker> logger,
        DeskServer server,
        IPeriodicWorkLease lease)
        : base(time, logger)
    {
        ArgumentNullException.ThrowIfNull(dbFactory);
        ArgumentNullException.ThrowIfNull(server);
        this.presence = presence;
        this.dbFactory = dbFactory;
        this.options = options;
        this.lease = lease;
        this.logger = logger;
        serverId = server.Id;
        startedAt = time.GetStoredUtcNow();
        using var db = dbFactory.CreateDbContext();
        heartbeats = db.Database.IsNpgsql() ? new PresenceHeartbeats(dbFactory, serverId) : null;
    }

    private TimeSpan Grace => TimeSpan.FromSeconds(Math.Max(0, options.CurrentValue.OfflineAfterSeconds));

    private TimeSpan Expiry => TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.ServerExpirySeconds));

    /// <summary>A desk tab of this librarian is connected.</summary>
    public void Connected(string librarianId, string circuitId) => tabs.Connected(librarianId, circuitId);

    /// <summary>A desk tab connected, reported to the other servers at once (a failure waits for the next round).</summary>
    public async Task ConnectedAsync(string librarianId, string circuitId, CancellationToken cancellationToken)
    {
        Connected(librarianId, circuitId);
        try
        {
            await ReportAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReportFailed(logger, ex);
        }
    }

    /// <summary>A desk tab of this librarian lost its connection or was closed; the grace starts with the last one.</summary>
    public void Disconnected(string librarianId, string circuitId) => tabs.Disconnected(librarianId, circuitId, Time.GetStoredUtcNow());

    /// <summary>How many desk tabs of this librarian are connected to this server now.</summary>
    public int OpenCircuits(string librarianId) => tabs.Open(librarianId);

    /// <summary>Writes this server's tabs for the other servers to read (several servers only): renews its open ones.</summary>
    public async Task ReportAsync(CancellationToken cancellationToken = default)
    {
        if (heartbeats is null)
        {
            return;
        }

        await reporting.WaitAsync(cancellationToken);
        try
        {
            var now = Time.GetStoredUtcNow();
            await heartbeats.WriteAsync(tabs.Report(serverId, now), cancellationToken);

            // Written down, a gone tab's time is the database's to keep.
            tabs.ForgetGoneBefore(now - Grace);
        }
        finally
        {
            reporting.Release();
        }
    }

    /// <summary>Sets Offline every librarian whose tabs, on every server, have all been gone for the grace period; returns how many changed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        await sweeping.WaitAsync(cancellationToken);
        try
        {
            await ReportAsync(cancellationToken);
            var now = Time.GetStoredUtcNow();
            var grace = Grace;
            var expiry = Expiry;
            var reports = heartbeats is null ? tabs.Report(serverId, now) : await heartbeats.ReadAllAsync(cancellationToken);
            var tabsSeenUntil = reports.GroupBy(r => r.LibrarianId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Max(r => r.TabsSeenUntil(expiry)), StringComparer.Ordinal);

            var changed = 0;
            foreach (var librarian in await OnlineOrAwayAsync(cancellationToken))
            {
                if (GraceIsOver(tabsSeenUntil.TryGetValue(librarian.Id, out var seen) ? seen : null, librarian.PresenceChangedAt, now, grace)
                    && await presence.SetOfflineUnlessChangedAsync(librarian.Id, librarian.PresenceChangedAt, cancellationToken))
                {
                    changed++;
                }
            }

            // Acted on: a librarian set Online later without a tab is left alone, as one who chose so after the start.
            tabs.ForgetGoneBefore(now - grace);
            if (heartbeats is not null)
            {
                await heartbeats.DeleteSeenByAsync(now - grace, expiry, cancellationToken);
            }

            return changed;
        }
        finally
        {
            sweeping.Release();
        }
    }

    /// <summary>
    /// The rule: Offline when the last tab anywhere was seen at least the grace ago (a tab still open is seen until
    /// later than now); with no tab seen at all, when the presence dates from before this server started and the
    /// grace after the start has passed (the tabs were on the process before).
    /// </summary>
    private bool GraceIsOver(DateTimeOffset? tabsSeenUntil, DateTimeOffset? presenceChangedAt, DateTimeOffset now, TimeSpan grace) =>
        tabsSeenUntil is { } seen
            ? now - seen >= grace
            : (presenceChangedAt is null || presenceChangedAt < startedAt) && now - startedAt >= grace;

    private async Task<List<(string Id, DateTimeOffset? PresenceChangedAt)>> OnlineOrAwayAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var present = await db.Users.AsNoTracking()
            .Where(u => u.Presence != Presence.Offline)
            .Select(u => new { u.Id, u.PresenceChangedAt })
            .ToListAsync(cancellationToken);
        return present.Select(u => (u.Id, u.PresenceChangedAt)).ToList();
    }

    // Checked a few times per grace period, so Offline follows at most a few seconds after it ends; with several
    // servers also a few times per expiry, so that a live server's reports never expire.
    protected override TimeSpan Interval
    {
        get
        {
            var sweep = TimeSpan.FromSeconds(Math.Clamp(options.CurrentValue.OfflineAfterSeconds / 4.0, 1, 15));
            return heartbeats is null ? sweep : TimeSpan.FromSeconds(Math.Min(sweep.TotalSeconds, Math.Clamp(Expiry.TotalSeconds / 3, 1, 10)));
        }
    }

    protected override string FailureMessage => "Could not set absent librarians Offline";

    // Every server reports its own tabs; the sweep changes everyone's presence, so one server at a time runs it.
    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (await lease.TryAcquireAsync(nameof(PresenceTracker), Interval, cancellationToken))
        {
            await SweepAsync(cancellationToken);
        }
        else
        {
            await ReportAsync(cancellationToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (heartbeats is null)
        {
            return;
        }

        try
        {
            await heartbeats.LeaveAsync(Time.GetStoredUtcNow(), cancellationToken);

            // The sweep's lease is taken here, not by PeriodicWork: given up, another server sweeps at its next round.
            await lease.ReleaseAsync(nameof(PresenceTracker), cancellationToken);
        }
        catch (Exception ex)
        {
            // Its reports then expire as a crashed server's do; a stop the host hurries (its timeout cancelled the
            // token) must still stop, not fail.
            LogLeaveFailed(logger, ex);
        }
    }

    public override void Dispose()
    {
        sweeping.Dispose();
        reporting.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report a connected desk tab; the next round reports it")]
    private static partial void LogReportFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not mark this server's desk tabs gone at stop; its reports expire instead")]
    private static partial void LogLeaveFailed(ILogger logger, Exception exception);
}
