using LibrarianDesk.Shared.Scheduling;

namespace LibrarianDesk.Shared.OfflineMessages;

/// <summary>
/// A message's age in working time against the reply target: up to now while it waits, up to its
/// first reply or its closing afterwards. <see cref="Overdue"/>: still waiting at or past the target;
/// <see cref="AnsweredLate"/>: the first reply came after it.
/// </summary>
public sealed record ReplyTargetState(TimeSpan WorkingAge, DateTimeOffset? DueAt, bool Overdue, bool AnsweredLate);

/// <summary>The reply target at one moment: the schedule's clock, the target in working time, and "now".</summary>
public sealed class ReplyTarget(ServiceHoursClock clock, TimeSpan target, DateTimeOffset now)
{
    public ReplyTargetState Evaluate(OfflineMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var end = message.Status switch
        {
            OfflineMessageStatus.Replied => message.RepliedAt ?? now,
            OfflineMessageStatus.Closed => message.ClosedAt ?? now,
            _ => now,
        };
        var age = clock.Elapsed(message.ReceivedAt, end);
        return new ReplyTargetState(
            age,
            clock.DueAt(message.ReceivedAt, target),
            Overdue: message.Status == OfflineMessageStatus.New && age >= target,
            AnsweredLate: message.Status == OfflineMessageStatus.Replied && age > target);
    }
}
