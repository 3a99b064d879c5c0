using LibrarianDesk.Shared.Conversations;

namespace LibrarianDesk.Shared.Reporting;

/// <summary>
/// The time metrics of one conversation (docs/metrics.md): wait = first patron message → claim,
/// first response = first patron message → first librarian message, duration = claim → close.
/// Each is null until both of its events have happened.
/// </summary>
public sealed record ConversationMetrics(ElapsedTime? Wait, ElapsedTime? FirstResponse, ElapsedTime? Duration)
{
    public static ConversationMetrics Of(Conversation conversation, MetricClock clock)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(clock);
        return new ConversationMetrics(
            Measure(clock, conversation.StartedAt, conversation.ClaimedAt),
            Measure(clock, conversation.StartedAt, conversation.FirstResponseAt),
            conversation.Status == ConversationStatus.Closed ? Measure(clock, conversation.ClaimedAt, conversation.ClosedAt) : null);
    }

    private static ElapsedTime? Measure(MetricClock clock, DateTimeOffset? from, DateTimeOffset? to) =>
        from is { } start && to is { } end ? clock.Between(start, end) : null;
}
