using LibrarianDesk.Data;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LibrarianDesk.Tests.Features.Desk;

/// <summary>Presence that follows the browser: the real presence store, circuits reported by hand, a fake clock.</summary>
public sealed class PresenceTrackerTests(DeskApp app) : IClassFixture<DeskApp>
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(120);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private PresenceService Presences => app.Service<PresenceService>();

    private PresenceTracker TrackerOn(TimeProvider clock) => new(
        Presences,
        app.Service<IDbContextFactory<DeskDbContext>>(),
        app.Service<IOptionsMonitor<PresenceOptions>>(),
        clock,
        NullLogger<PresenceTracker>.Instance);

    private async Task<string> OnlineLibrarianAsync(string name)
    {
        var account = await StaffAccounts.CreateAsync(app, $"presence-{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], name);
        await Presences.SetAsync(account.Id, Presence.Online, Cancel);
        return account.Id;
    }

    [Fact]
    public void The_grace_period_is_two_minutes_unless_configured()
    {
        app.Service<IOptionsMonitor<PresenceOptions>>().CurrentValue.OfflineAfterSeconds.Should().Be((int)Grace.TotalSeconds);
    }

    [Fact]
    public async Task When_the_last_tab_is_gone_the_librarian_becomes_offline_after_the_grace_period_and_not_before()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tracker = TrackerOn(clock);
        var librarian = await OnlineLibrarianAsync("Sari Pergi");
        tracker.Connected(librarian, "tab-1");

        tracker.Disconnected(librarian, "tab-1");
        clock.Advance(Grace - TimeSpan.FromSeconds(1));
        await tracker.SweepAsync(Cancel);
        (await Presences.GetAsync(librarian, Cancel)).Should().Be(Presence.Online);

        clock.Advance(TimeSpan.FromSeconds(2));
        await tracker.SweepAsync(Cancel);
        (await Presences.GetAsync(librarian, Cancel)).Should().Be(Presence.Offline);
    }

    [Fact]
    public async Task A_new_tab_within_the_grace_period_keeps_the_librarian_online()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tracker = TrackerOn(clock);
        var librarian = await OnlineLibrarianAsync("Sari Muat Ulang");
        tracker.Connected(librarian, "before-reload");

        tracker.Disconnected(librarian, "before-reload");
        clock.Advance(TimeSpan.FromSeconds(5));
        tracker.Connected(librarian, "after-reload");
        clock.Advance(Grace * 3);

        await tracker.SweepAsync(Cancel);
        (await Presences.GetAsync(librarian, Cancel)).Should().Be(Presence.Online);
    }

    [Fact]
    public async Task Closing_one_of_two_tabs_keeps_the_librarian_online()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tracker = TrackerOn(clock);
        var librarian = await OnlineLibrarianAsync("Sari Dua Tab");
        tracker.Connected(librarian, "queue-tab");
        tracker.Connected(librarian, "conversation-tab");

        tracker.Disconnected(librarian, "conversation-tab");
        clock.Advance(Grace * 3);

        await tracker.SweepAsync(Cancel);
        tracker.OpenCircuits(librarian).Should().Be(1);
        (await Presences.GetAsync(librarian, Cancel)).Should().Be(Presence.Online);
    }

    [Fact]
    public async Task A_tab_reported_gone_twice_counts_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tracker = TrackerOn(clock);
        var librarian = await OnlineLibrarianAsync("Sari Terputus");
        tracker.Connected(librarian, "tab");

        tracker.Disconnected(librarian, "tab");
        clock.Advance(TimeSpan.FromSeconds(30));
        tracker.Disconnected(librarian, "tab"); // the connection dropped, then the circuit closed: the grace does not restart
        clock.Advance(Grace - TimeSpan.FromSeconds(29));

        await tracker.SweepAsync(Cancel);
        (await Presences.GetAsync(librarian, Cancel)).Should().Be(Presence.Offline);
    }

    [Fact]
    public async Task After_a_restart_librarians_left_online_without_a_tab_become_offline_once_the_grace_period_passes()
    {
        var stale = await OnlineLibrarianAsync("Sari Sebelum Restart");
        var away = await OnlineLibrarianAsync("Budi Sedang Pergi");
        await Presences.SetAsync(away, Presence.Away, Cancel);
        var back = await OnlineLibrarianAsync("Dewi Kembali");

        // The process "starts" a moment after those presences were set; only Dewi's tab comes back.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddSeconds(1));
        var tracker = TrackerOn(clock);
        tracker.Connected(back, "reconnected-tab");

        clock.Advance(Grace - TimeSpan.FromSeconds(1));
        await tracker.SweepAsync(Cancel);
        (await Presences.GetAsync(stale, Cancel)).Should().Be(Presence.Online, "the grace period has not passed yet");

        clock.Advance(TimeSpan.FromSeconds(2));
        await tracker.SweepAsync(Cancel);
        (await Presences.GetAsync(stale, Cancel)).Should().Be(Presence.Offline);
        (await Presences.GetAsync(away, Cancel)).Should().Be(Presence.Offline);
        (await Presences.GetAsync(back, Cancel)).Should().Be(Presence.Online);
    }
}
