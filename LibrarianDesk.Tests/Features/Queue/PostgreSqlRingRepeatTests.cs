using System.Collections.Concurrent;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Realtime;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Queue;

/// <summary>The repeated ring with two desks on one PostgreSQL database: one ring per period for the desk, not one per server.</summary>
public sealed class PostgreSqlRingRepeatTests(ClockedPostgreSqlDeskApp app) : IClassFixture<ClockedPostgreSqlDeskApp>
{
    [Fact]
    public async Task A_waiting_conversation_is_rung_again_by_one_server_only()
    {
        await PostgreSqlDeskApp.RequireAsync();
        await using var second = await app.SecondServerAsync();
        var rings = new[] { (DeskApp)app, second }.Select(_ => new ConcurrentQueue<Guid>()).ToArray();
        using var first = app.Service<DeskNotifier>().Subscribe<RingRequested>(r => Heard(rings[0], r));
        using var other = second.Service<DeskNotifier>().Subscribe<RingRequested>(r => Heard(rings[1], r));

        var id = await Conversations.StartAsync(app, "Hana Menunggu");
        await Eventually.TrueAsync(() => rings[0].Contains(id), "the start rings on the server where it started");
        rings[0].Clear();

        // A repeat period has passed (the clock then stands still, so the lease only changes hands if a server stops).
        app.Clock.Set(app.Clock.GetUtcNow().AddMinutes(1));
        await Eventually.TrueAsync(() => rings.Sum(r => r.Count(c => c == id)) >= 4, "the ring repeats every second");

        var perServer = rings.Select(r => r.Count(c => c == id)).ToArray();
        perServer.Should().Contain(0, $"one server rings while the other holds the lease (rings per server: {string.Join(", ", perServer)})");
    }

    private static Task Heard(ConcurrentQueue<Guid> rings, RingRequested ring)
    {
        rings.Enqueue(ring.ConversationId);
        return Task.CompletedTask;
    }
}
