using LibrarianDesk.Features.Scheduling;
using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Tests.Features.Analytics;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.OfflineMessages;

/// <summary>The demo's offline inbox: messages left while the desk was closed, most answered, the latest waiting.</summary>
public sealed class DemoOfflineMessagesTests(DemoDeskApp app) : IClassFixture<DemoDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_inbox_holds_answered_closed_and_waiting_messages_all_left_outside_service_hours()
    {
        await using var db = app.CreateDbContext();
        var messages = await db.OfflineMessages.AsNoTracking().ToListAsync(Cancel);
        var replies = await db.OfflineMessageReplies.AsNoTracking().ToListAsync(Cancel);
        var serviceHours = (await app.Service<ServiceHoursStore>().GetAsync(Cancel)).Hours;

        messages.Should().HaveCountGreaterThan(20);
        messages.Should().OnlyContain(m => !serviceHours.IsOpen(m.ReceivedAt), "patrons leave a message when the desk is closed");
        messages.Select(m => m.Status).Distinct().Should().BeEquivalentTo([OfflineMessageStatus.New, OfflineMessageStatus.Replied, OfflineMessageStatus.Closed]);
        foreach (var replied in messages.Where(m => m.Status == OfflineMessageStatus.Replied))
        {
            var reply = replies.Should().ContainSingle(r => r.OfflineMessageId == replied.Id).Subject;
            reply.LibrarianName.Should().NotBeEmpty();
            reply.SentAt.Should().Be(replied.RepliedAt!.Value).And.BeAfter(replied.ReceivedAt);
        }
    }
}
