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
        return Of(conversation.Status, conversation.StartedAt, conversation.ClaimedAt, conversation.FirstResponseAt, conversation.ClosedAt, clock);
    }

    /// <summary>The metrics of a conversation in <paramref name="status"/> with these times.</summary>
    public static ConversationMetrics Of(
        ConversationStatus status, DateTimeOffset startedAt, DateTimeOffset? claimedAt, DateTimeOffset? firstResponseAt, DateTimeOffset? closedAt,
        MetricClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new ConversationMetrics(
            Measure(clock, startedAt, claimedAt),
            Measure(clock, startedAt, firstResponseAt),
            status == ConversationStatus.Closed ? Measure(clock, claimedAt, closedAt) : null);
    }

    private static ElapsedTime? Measure(MetricClock clock, DateTimeOffset? from, DateTimeOffset? to) =>
        from is { } start && to is { } end ? clock.Between(start, end) : null;
}
