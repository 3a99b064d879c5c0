using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace LibrarianDesk.Features.IpBlocks;

/// <summary>
/// The address counters of a desk on one server: in this process's memory, forgetting themselves after their window.
/// With several servers the desk uses <see cref="RedisAddressCounters"/> instead, which falls back to these while Redis
/// cannot be reached (each server then counts only the calls it holds).
/// </summary>
public sealed class InProcessAddressCounters : IAddressCounters, IDisposable
{
    /// <summary>More than this many addresses are tracked only while they are active.</summary>
    private const int PruneAbove = 10_000;

    /// <summary>Bounds the texts remembered per address, whatever the window.</summary>
    internal const int MaxTextsPerAddress = 1_000;

    private readonly ConcurrentDictionary<string, Activity> activity = new();

    // Partitions are made on an address's first call, with the allowance that call brings (the same for every call).
    private readonly PartitionedRateLimiter<(string Address, CallAllowance Allowance)> calls =
        PartitionedRateLimiter.Create<(string Address, CallAllowance Allowance), string>(call =>
            RateLimitPartition.GetTokenBucketLimiter(call.Address, _ => call.Allowance.ToTokenBucket()));

    public Task<AddressActivity> CountAsync(string address, AddressEvent happened, AddressWindows windows)
    {
        ArgumentNullException.ThrowIfNull(happened);
        ArgumentNullException.ThrowIfNull(windows);
        var entry = activity.GetOrAdd(address, _ => new Activity());
        var now = happened.At;
        AddressActivity counted;
        lock (entry)
        {
            entry.Forget(now - windows.Conversations, now - windows.Messages, now - windows.Texts);
            if (happened.NewConversation)
            {
                entry.Conversations.Enqueue(now);
            }

            entry.Messages.Enqueue((now, happened.ConversationId));
            counted = new AddressActivity(
                entry.Conversations.Count,
                entry.Messages.Count(m => m.ConversationId == happened.ConversationId),
                entry.RememberText(now, happened.ConversationId, happened.Text));
        }

        PruneIdle(now - (windows.Conversations > windows.Texts ? windows.Conversations : windows.Texts));
        return Task.FromResult(counted);
    }

    public Task<bool> ForgetAsync(string address) => Task.FromResult(activity.TryRemove(address, out _));

    public ValueTask<TimeSpan?> TakeCallAsync(string address, CallAllowance allowance)
    {
        using var lease = calls.AttemptAcquire((address, allowance));
        return ValueTask.FromResult(lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter
            : (TimeSpan?)CallAllowance.Period);
    }

    public void Dispose() => calls.Dispose();

    // Addresses that went quiet are dropped now and then, so the table does not grow with every visitor ever seen.
    private void PruneIdle(DateTimeOffset horizon)
    {
        if (activity.Count < PruneAbove)
        {
            return;
        }

        foreach (var (key, entry) in activity)
        {
            lock (entry)
            {
                if (entry.Messages.LastOrDefault().At < horizon)
                {
                    activity.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class Activity
    {
        public Queue<DateTimeOffset> Conversations { get; } = new();
        public Queue<(DateTimeOffset At, Guid ConversationId)> Messages { get; } = new();
        private Queue<(DateTimeOffset At, string Text, Guid ConversationId)> Texts { get; } = new();

        /// <summary>Remembers a text long enough to count; the number of conversations it now stands in.</summary>
        public int RememberText(DateTimeOffset now, Guid conversationId, string? text)
        {
            if (text is null)
            {
                return 0;
            }

            Texts.Enqueue((now, text, conversationId));
            if (Texts.Count > MaxTextsPerAddress)
            {
                Texts.Dequeue();
            }

            return Texts.Where(t => t.Text == text).Select(t => t.ConversationId).Distinct().Count();
        }

        public void Forget(DateTimeOffset conversationsBefore, DateTimeOffset messagesBefore, DateTimeOffset textsBefore)
        {
            while (Conversations.TryPeek(out var at) && at <= conversationsBefore)
            {
                Conversations.Dequeue();
            }

            while (Messages.TryPeek(out var message) && message.At <= messagesBefore)
            {
                Messages.Dequeue();
            }

            while (Texts.TryPeek(out var item) && item.At <= textsBefore)
            {
                Texts.Dequeue();
            }
        }
    }
}
