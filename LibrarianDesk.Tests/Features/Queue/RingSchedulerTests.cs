using System.Threading.Channels;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Realtime;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Tests.Features.Queue;

/// <summary>When the desk rings: a scheduler of its own, on its own event bus, over the running desk's database.</summary>
public sealed class RingSchedulerTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>, IAsyncLifetime
{
    private readonly DeskNotifier notifier = new(NullLogger<DeskNotifier>.Instance);
    private readonly Channel<RingRequested> rings = Channel.CreateUnbounded<RingRequested>();
    private readonly AdjustableClock clock = new(DateTimeOffset.UtcNow);
    private RingScheduler scheduler = default!;
    private IDisposable? listening;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        scheduler = new RingScheduler(
            notifier, app.Service<IDbContextFactory<DeskDbContext>>(), app.Service<IOptionsMonitor<QueueOptions>>(), clock,
            NullLogger<RingScheduler>.Instance);
        listening = notifier.Subscribe<RingRequested>(r => rings.Writer.WriteAsync(r).AsTask());
        await scheduler.StartAsync(Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        listening?.Dispose();
        await scheduler.StopAsync(CancellationToken.None);
        scheduler.Dispose();
    }

    private async Task<RingRequested> NextRingAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        return await rings.Reader.ReadAsync(timeout.Token);
    }

    [Fact]
    public async Task A_started_conversation_rings_everyone()
    {
        var id = Guid.NewGuid();

        await notifier.PublishAsync(new ConversationStarted(id));

        (await NextRingAsync()).Should().Be(new RingRequested(id));
    }

    [Fact]
    public async Task A_transferred_conversation_rings_only_its_new_owner()
    {
        var id = Guid.NewGuid();

        await notifier.PublishAsync(new ConversationTransferred(id, "from-librarian", "to-librarian"));

        (await NextRingAsync()).Should().Be(new RingRequested(id, "to-librarian"));
    }

    [Fact]
    public async Task The_ring_repeats_for_the_longest_waiting_conversation_once_it_has_waited_the_repeat_period_and_stops_when_it_is_taken()
    {
        var id = await Conversations.StartAsync(app, "Hana Menunggu");
        var startedAt = (await Conversations.ReadAsync(app, id)).StartedAt;
        app.Service<IOptionsMonitor<QueueOptions>>().CurrentValue.RingRepeatSeconds.Should().Be(20, "the default repeat");

        clock.Set(startedAt.AddSeconds(5));
        (await scheduler.RingForWaitingAsync(Cancel)).Should().BeFalse("it has not waited a full repeat period yet");

        clock.Set(startedAt.AddSeconds(21));
        (await scheduler.RingForWaitingAsync(Cancel)).Should().BeTrue();
        (await NextRingAsync()).Should().Be(new RingRequested(id));

        await app.Service<LibrarianChat>().ClaimAsync(app.LibrarianId, id);
        (await scheduler.RingForWaitingAsync(Cancel)).Should().BeFalse("nothing waits any more");
    }
}
