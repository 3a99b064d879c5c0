using System.Threading.Channels;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Realtime;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace LibrarianDesk.Tests.Features.Queue;

/// <summary>
/// The running desk's ring service and a librarian whose tab closes while being rung. A desk of its own:
/// before the fix this stopped the whole host, which the other ring tests share.
/// </summary>
public sealed class RingDepartingTabTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    [Fact]
    public async Task A_tab_closing_while_being_rung_neither_stops_the_desk_nor_the_rings_that_follow()
    {
        var notifier = app.Service<DeskNotifier>();
        var rings = Channel.CreateUnbounded<RingRequested>();

        // A ringer whose circuit is torn down mid-call: its script call ends cancelled.
        using var closedTab = notifier.Subscribe<RingRequested>(async _ =>
        {
            await Task.Yield();
            throw new TaskCanceledException("the circuit went away");
        });
        using var listening = notifier.Subscribe<RingRequested>(r => rings.Writer.WriteAsync(r).AsTask());

        var first = await Conversations.StartAsync(app, "Rina Marlina");
        (await NextRingAsync(rings)).ConversationId.Should().Be(first);
        var second = await Conversations.StartAsync(app, "Tono Wijaya");

        (await NextRingAsync(rings)).ConversationId.Should().Be(second, "the ring service still runs");
        app.Service<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested.Should().BeFalse("the desk keeps running");
    }

    private static async Task<RingRequested> NextRingAsync(Channel<RingRequested> rings)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        return await rings.Reader.ReadAsync(timeout.Token);
    }
}
