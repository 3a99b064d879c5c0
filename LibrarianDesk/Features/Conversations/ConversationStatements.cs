using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace LibrarianDesk.Features.Conversations;

/// <summary>
/// The transitions the desk runs as one conditional statement instead of loading the conversation: the
/// claim and the missed mark. Their condition is the domain's guard (<see cref="Conversation.Claimable"/>,
/// <see cref="Conversation.Missable"/>), so of two racing changes the database lets exactly one through, and
/// they write what the entity's <see cref="Conversation.Claim"/> and <see cref="Conversation.MarkMissed"/>
/// followed by <see cref="Conversation.RecordMetrics"/> store. The number of rows changed (0 or 1) says whether it happened.
/// </summary>
internal static class ConversationStatements
{
    public static Task<int> ClaimAsync(
        this IQueryable<Conversation> conversations, Guid conversationId, string librarianId, DateTimeOffset at, ConversationMetrics metrics) =>
        conversations.Where(c => c.Id == conversationId).Where(Conversation.Claimable).ExecuteUpdateAsync(set =>
        {
            set.SetProperty(c => c.Status, ConversationStatus.Active)
                .SetProperty(c => c.OwnerId, librarianId)
                .SetProperty(c => c.ClaimedAt, at);
            Metrics(set, metrics);
        });

    public static Task<int> MarkMissedAsync(this IQueryable<Conversation> conversations, Guid conversationId, DateTimeOffset at) =>
        conversations.Where(c => c.Id == conversationId).Where(Conversation.Missable).ExecuteUpdateAsync(set =>
        {
            set.SetProperty(c => c.Status, ConversationStatus.Missed)
                .SetProperty(c => c.ClosedAt, at);
            Metrics(set, Conversation.MetricsAfterMissed);
        });

    private static void Metrics(UpdateSettersBuilder<Conversation> set, ConversationMetrics metrics) =>
        set.SetProperty(c => c.WaitSeconds, metrics.Wait?.WallClockSeconds)
            .SetProperty(c => c.WaitServiceSeconds, metrics.Wait?.ServiceSeconds)
            .SetProperty(c => c.FirstResponseSeconds, metrics.FirstResponse?.WallClockSeconds)
            .SetProperty(c => c.FirstResponseServiceSeconds, metrics.FirstResponse?.ServiceSeconds)
            .SetProperty(c => c.DurationSeconds, metrics.Duration?.WallClockSeconds)
            .SetProperty(c => c.DurationServiceSeconds, metrics.Duration?.ServiceSeconds);
}
