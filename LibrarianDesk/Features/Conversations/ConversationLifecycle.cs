using LibrarianDesk.Data;
using LibrarianDesk.Features.Scheduling;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Conversations;

/// <summary>
/// The endings nobody in the chat asks for: the desk marks a conversation nobody took in time as missed
/// (the queue's sweeper) and ends the conversations of a patron whose address was blocked.
/// </summary>
public sealed class ConversationLifecycle(
    IDbContextFactory<DeskDbContext> dbFactory,
    ServiceHoursStore serviceHours,
    PatronPush patrons,
    DeskNotifier notifier,
    SqliteWriteGate writes,
    TimeProvider time)
{
    /// <summary>
    /// Nobody took the conversation in time: it becomes Missed (only if still waiting, one statement) with the
    /// metrics the entity's mark records, and the patron is offered the offline form.
    /// </summary>
    public async Task<bool> MarkMissedAsync(Guid conversationId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.Conversations.MarkMissedAsync(conversationId, time.GetStoredUtcNow()) == 0)
        {
            return false;
        }

        await patrons.ClosedAsync(new ConversationClosedNotice(conversationId, ConversationClosedNotice.Missed));
        await notifier.PublishAsync(new ConversationStatusChanged(conversationId));
        return true;
    }

    /// <summary>The patron's address was blocked: an open conversation ends, and the patron is told why.</summary>
    public async Task EndBlockedAsync(Guid conversationId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId);
        if (conversation is null || conversation.Status is ConversationStatus.Closed or ConversationStatus.Missed)
        {
            return;
        }

        conversation.End(time.GetStoredUtcNow());
        conversation.RecordMetrics(await serviceHours.MetricClockAsync());
        await db.SaveConversationStateAsync(writes);
        await patrons.ClosedAsync(new ConversationClosedNotice(conversationId, ConversationClosedNotice.Blocked));
        await notifier.PublishAsync(new ConversationStatusChanged(conversationId));
    }
}
