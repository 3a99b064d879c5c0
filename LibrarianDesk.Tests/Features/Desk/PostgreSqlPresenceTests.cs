using LibrarianDesk.Features.Desk;
using LibrarianDesk.Hosting;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Desk;

/// <summary>
/// Presence with several servers: real desks on one PostgreSQL database and one adjustable clock, desk tabs reported by
/// hand as in <see cref="PresenceTrackerTests"/>. Each server's own timer keeps running meanwhile (on real time, reading
/// the clock), so its reports and sweeps join in as they would in production.
/// </summary>
public sealed class PostgreSqlPresenceTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Expiry = TimeSpan.FromSeconds(30);

    private readonly AdjustableClock clock = new(DateTimeOffset.UtcNow);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_librarian_working_through_server_B_stays_online_when_server_A_restarts_and_after_its_start_up_sweep()
    {
        var database = await NewDatabaseAsync();
        await using var b = await StartAsync(database);
        var a = await StartAsync(database);
        var onB = await OnlineLibrarianAsync(a, "Sari Di Server B");
        var withoutTab = await OnlineLibrarianAsync(a, "Budi Tanpa Tab");
        b.Tracker.Connected(onB, "tab-on-b");
        await b.Tracker.ReportAsync(Cancel);

        await a.DisposeAsync();
        await AdvanceAsync(TimeSpan.FromSeconds(5), b);
        await using var restarted = await StartAsync(database);
        await AdvanceAsync(Grace + TimeSpan.FromSeconds(1), b, restarted);
        await restarted.Tracker.SweepAsync(Cancel);

        (await PresenceOfAsync(b, onB)).Should().Be(Presence.Online, "a tab of hers is open on server B");
        (await PresenceOfAsync(b, withoutTab)).Should().Be(Presence.Offline, "the restarted server's start-up sweep ran: no server has a tab of his");
    }

    [Fact]
    public async Task A_crashed_servers_librarian_stays_online_until_its_reports_expire_and_the_grace_passes_then_goes_offline_exactly_once()
    {
        var database = await NewDatabaseAsync();
        await using var b = await StartAsync(database);
        await using var c = await StartAsync(database);
        var a = await StartAsync(database);
        var librarian = await OnlineLibrarianAsync(a, "Sari Server Mati");
        a.Tracker.Connected(librarian, "tab-on-a");
        await a.Tracker.ReportAsync(Cancel);
        await CrashAsync(a, b);
        var wentOffline = 0;
        using var onB = b.Service<DeskNotifier>().SubscribeWhereRaised<PresenceChanged>(e => CountOffline(e));
        using var onC = c.Service<DeskNotifier>().SubscribeWhereRaised<PresenceChanged>(e => CountOffline(e));

        await AdvanceAsync(Expiry + Grace - TimeSpan.FromSeconds(1), b, c);
        await Task.WhenAll(b.Tracker.SweepAsync(Cancel), c.Tracker.SweepAsync(Cancel));
        (await PresenceOfAsync(b, librarian)).Should().Be(Presence.Online, "server A's report has expired, but the grace after it has not passed");

        await AdvanceAsync(TimeSpan.FromSeconds(2), b, c);
        await Task.WhenAll(b.Tracker.SweepAsync(Cancel), c.Tracker.SweepAsync(Cancel));
        (await PresenceOfAsync(b, librarian)).Should().Be(Presence.Offline);
        await Task.WhenAll(b.Tracker.SweepAsync(Cancel), c.Tracker.SweepAsync(Cancel));
        Volatile.Read(ref wentOffline).Should().Be(1, "servers B and C swept at the same moment, and one of them set her Offline");
        await using var db = b.CreateDbContext();
        (await db.PresencePeriods.Where(p => p.LibrarianId == librarian).Select(p => p.EndedAt).ToListAsync(Cancel))
            .Should().ContainSingle().Which.Should().NotBeNull("her one Online period has ended");
        (await db.PresenceHeartbeats.AnyAsync(h => h.LibrarianId == librarian, Cancel)).Should().BeFalse("the crashed server's report, acted on, is gone");

        Task CountOffline(PresenceChanged change)
        {
            if (change.LibrarianId == librarian && change.Presence == Presence.Offline)
            {
                Interlocked.Increment(ref wentOffline);
            }

            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_tab_that_moves_from_server_A_to_server_B_within_the_grace_period_keeps_the_librarian_online()
    {
        var database = await NewDatabaseAsync();
        await using var a = await StartAsync(database);
        await using var b = await StartAsync(database);
        var librarian = await OnlineLibrarianAsync(a, "Sari Pindah Server");
        a.Tracker.Connected(librarian, "tab-on-a");
        await a.Tracker.ReportAsync(Cancel);

        a.Tracker.Disconnected(librarian, "tab-on-a");
        await AdvanceAsync(TimeSpan.FromSeconds(5), a, b);
        b.Tracker.Connected(librarian, "tab-on-b");
        await b.Tracker.ReportAsync(Cancel);
        await AdvanceAsync(Grace * 3, a, b);
        await Task.WhenAll(a.Tracker.SweepAsync(Cancel), b.Tracker.SweepAsync(Cancel));

        (await PresenceOfAsync(a, librarian)).Should().Be(Presence.Online);
    }

    [Fact]
    public async Task A_stopping_servers_librarian_becomes_offline_on_the_other_server_once_the_grace_after_the_stop_has_passed_and_not_before()
    {
        var database = await NewDatabaseAsync();
        await using var b = await StartAsync(database);
        var a = await StartAsync(database);
        var librarian = await OnlineLibrarianAsync(a, "Sari Server Berhenti");
        a.Tracker.Connected(librarian, "tab-on-a");
        await a.Tracker.ReportAsync(Cancel);
        await AdvanceAsync(TimeSpan.FromMinutes(1), a, b);

        await a.DisposeAsync();
        await AdvanceAsync(Grace - TimeSpan.FromSeconds(1), b);
        await b.Tracker.SweepAsync(Cancel);
        (await PresenceOfAsync(b, librarian)).Should().Be(Presence.Online, "her tab may yet reconnect to server B");

        await AdvanceAsync(TimeSpan.FromSeconds(2), b);
        await b.Tracker.SweepAsync(Cancel);
        (await PresenceOfAsync(b, librarian)).Should().Be(Presence.Offline);
    }

    private static async Task<string> NewDatabaseAsync() => await (await PostgreSqlCluster.RequireAsync()).CreateDatabaseAsync();

    private async Task<Server> StartAsync(string database)
    {
        var server = new Server(database, clock);
        await server.InitializeAsync();
        return server;
    }

    private static async Task<string> OnlineLibrarianAsync(DeskApp desk, string name)
    {
        var account = await StaffAccounts.CreateAsync(desk, $"presence-{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], name);
        await desk.Service<PresenceService>().SetAsync(account.Id, Presence.Online, Cancel);
        return account.Id;
    }

    private static Task<Presence> PresenceOfAsync(DeskApp desk, string librarianId) => desk.Service<PresenceService>().GetAsync(librarianId, Cancel);

    /// <summary>Moves the clock in steps a third of the expiry apart, each live server renewing its report at every step, as their timers do.</summary>
    private async Task AdvanceAsync(TimeSpan by, params Server[] live)
    {
        var step = Expiry / 3;
        for (var left = by; left > TimeSpan.Zero; left -= step)
        {
            clock.Set(clock.GetUtcNow() + (left < step ? left : step));
            foreach (var server in live)
            {
                await server.Tracker.ReportAsync(Cancel);
            }
        }
    }

    /// <summary>Stops <paramref name="crashed"/> as a killed process stops: its reports stay as its last renewal left them.</summary>
    private static async Task CrashAsync(Server crashed, Server survivor)
    {
        var serverId = crashed.Service<DeskServer>().Id;
        List<PresenceHeartbeat> left;
        await using (var db = crashed.CreateDbContext())
        {
            left = await db.PresenceHeartbeats.AsNoTracking().Where(h => h.ServerId == serverId).ToListAsync(Cancel);
        }

        left.Should().NotBeEmpty("the server reported its tab");
        await crashed.DisposeAsync();

        // A graceful stop marked them gone; a killed process runs no stop.
        await using var after = survivor.CreateDbContext();
        after.PresenceHeartbeats.UpdateRange(left);
        await after.SaveChangesAsync(Cancel);
    }

    /// <summary>One server of the desk: a real desk on the shared database, on the test's clock.</summary>
    private sealed class Server(string database, AdjustableClock clock) : PostgreSqlDeskApp(database)
    {
        public PresenceTracker Tracker => Service<PresenceTracker>();

        protected override TimeProvider Time => clock;
    }
}
