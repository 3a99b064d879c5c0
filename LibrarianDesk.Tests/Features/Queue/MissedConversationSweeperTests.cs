using LibrarianDesk.Data;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Tests.Features.Queue;

public sealed class MissedConversationSweeperTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    private MissedConversationSweeper SweeperAt(TimeProvider clock) => new(
        app.Service<IDbContextFactory<DeskDbContext>>(),
        app.Service<ConversationLifecycle>(),
        app.Service<IOptionsMonitor<QueueOptions>>(),
        clock,
        NullLogger<MissedConversationSweeper>.Instance);

    [Fact]
    public async Task A_conversation_nobody_takes_within_three_minutes_becomes_missed_and_its_patron_is_told_while_a_taken_one_is_left_alone()
    {
        await using var unanswered = await PatronClient.ConnectAsync(app);
        await using var answered = await PatronClient.ConnectAsync(app);
        var waiting = await unanswered.StartAsync("Masih adakah arsip koran 1950-an?", "Rudi Hartono");
        var taken = await answered.StartAsync("Bagaimana cara mendaftar anggota?", "Wati Susanti");
        await app.Service<LibrarianChat>().ClaimAsync(app.LibrarianId, taken.ConversationId);
        var startedAt = (await Conversations.ReadAsync(app, taken.ConversationId)).StartedAt;
        var clock = new AdjustableClock(startedAt);

        clock.Set(startedAt.AddSeconds(179));
        await SweeperAt(clock).SweepAsync(TestContext.Current.CancellationToken);
        (await Conversations.ReadAsync(app, waiting.ConversationId)).Status.Should().Be(ConversationStatus.Waiting, "three minutes have not passed yet");

        clock.Set(startedAt.AddSeconds(181));
        (await SweeperAt(clock).SweepAsync(TestContext.Current.CancellationToken)).Should().BeGreaterThanOrEqualTo(1);

        (await Conversations.ReadAsync(app, waiting.ConversationId)).Status.Should().Be(ConversationStatus.Missed);
        var closed = await PatronClient.NextAsync(unanswered.Closings);
        closed.Should().Be(new ConversationClosedNotice(waiting.ConversationId, ConversationClosedNotice.Missed));

        var stillActive = await Conversations.ReadAsync(app, taken.ConversationId);
        stillActive.Status.Should().Be(ConversationStatus.Active);
        stillActive.OwnerId.Should().Be(app.LibrarianId);
        answered.Closings.Reader.TryRead(out _).Should().BeFalse("the patron being served is not told anything");
    }

    [Fact]
    public async Task A_missed_conversation_leaves_the_waiting_list_for_the_missed_list()
    {
        var id = await Conversations.StartAsync(app, "Dewi Kartika");
        var startedAt = (await Conversations.ReadAsync(app, id)).StartedAt;

        await SweeperAt(new AdjustableClock(startedAt.AddMinutes(4))).SweepAsync(TestContext.Current.CancellationToken);

        var queue = await app.Service<ConversationQueries>().QueueAsync(TestContext.Current.CancellationToken);
        queue.Waiting.Should().NotContain(i => i.ConversationId == id);
        queue.RecentlyMissed.Should().Contain(i => i.ConversationId == id);
    }
}
