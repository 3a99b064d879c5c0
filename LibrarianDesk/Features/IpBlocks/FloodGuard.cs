using System.Collections.Concurrent;
using System.Net;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Shared.Blocking;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.IpBlocks;

/// <summary>
/// Automatic flood control: an address that starts too many conversations, sends too many messages
/// or repeats the same text gets a temporary block ("automatic: …") that IT staff see and can lift.
/// Counts live in memory per address and forget themselves after their window.
/// </summary>
public sealed class FloodGuard(IpBlockService blocks, IOptionsMonitor<FloodControlOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Activity> activity = new();

    /// <summary>Counts a new conversation; true when this one crosses a threshold and the address is now blocked.</summary>
    public Task<bool> ConversationStartedAsync(IPAddress? address, string text) => RecordAsync(address, text, newConversation: true);

    /// <summary>Counts a message; true when this one crosses a threshold and the address is now blocked.</summary>
    public Task<bool> MessageSentAsync(IPAddress? address, string text) => RecordAsync(address, text, newConversation: false);

    private async Task<bool> RecordAsync(IPAddress? address, string text, bool newConversation)
    {
        var limits = options.CurrentValue;
        if (address is null || !limits.Enabled)
        {
            return false;
        }

        var key = address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();
        var entry = activity.GetOrAdd(key, _ => new Activity());
        var now = time.GetUtcNow();
        string? reason;
        lock (entry)
        {
            entry.Forget(now - TimeSpan.FromMinutes(limits.ConversationWindowMinutes), now - TimeSpan.FromMinutes(1), now - TimeSpan.FromMinutes(limits.RepeatWindowMinutes));
            if (newConversation)
            {
                entry.Conversations.Enqueue(now);
            }

            entry.Messages.Enqueue(now);
            entry.Texts.Enqueue((now, text.Trim().ToUpperInvariant()));
            var repeats = entry.Texts.Count(t => t.Text == entry.Texts.Last().Text);
            reason = entry.Conversations.Count > limits.MaxConversations ? $"more than {limits.MaxConversations} conversations in {limits.ConversationWindowMinutes} minutes"
                : entry.Messages.Count > limits.MaxMessagesPerMinute ? $"more than {limits.MaxMessagesPerMinute} messages in a minute"
                : repeats > limits.MaxRepeats ? $"the same text more than {limits.MaxRepeats} times"
                : null;
            if (reason is not null)
            {
                activity.TryRemove(key, out _);
            }
        }

        if (reason is null)
        {
            PruneIdle(now);
            return false;
        }

        await blocks.AddAsync(
            AuditActor.System,
            new IpBlockDraft(key, IpBlock.AutomaticReasonPrefix + reason, BlockDuration.Until,
                now.AddMinutes(limits.BlockMinutes), Confirmed: true, IsAutomatic: true),
            administratorAddress: null);
        return true;
    }

    // Addresses that went quiet are dropped now and then, so the table does not grow with every visitor ever seen.
    private void PruneIdle(DateTimeOffset now)
    {
        if (activity.Count < 10_000)
        {
            return;
        }

        var horizon = now - TimeSpan.FromMinutes(Math.Max(options.CurrentValue.ConversationWindowMinutes, options.CurrentValue.RepeatWindowMinutes));
        foreach (var (key, entry) in activity)
        {
            lock (entry)
            {
                if (entry.Messages.LastOrDefault() < horizon)
                {
                    activity.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class Activity
    {
        public Queue<DateTimeOffset> Conversations { get; } = new();
        public Queue<DateTimeOffset> Messages { get; } = new();
        public Queue<(DateTimeOffset At, string Text)> Texts { get; } = new();

        public void Forget(DateTimeOffset conversationsBefore, DateTimeOffset messagesBefore, DateTimeOffset textsBefore)
        {
            while (Conversations.TryPeek(out var at) && at <= conversationsBefore)
            {
                Conversations.Dequeue();
            }

            while (Messages.TryPeek(out var at) && at <= messagesBefore)
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

/// <summary>Section <c>Desk:FloodControl</c>.</summary>
public sealed class FloodControlOptions
{
    public bool Enabled { get; set; } = true;
    public int MaxConversations { get; set; } = 5;
    public int ConversationWindowMinutes { get; set; } = 10;
    public int MaxMessagesPerMinute { get; set; } = 30;
    public int MaxRepeats { get; set; } = 5;
    public int RepeatWindowMinutes { get; set; } = 10;
    public int BlockMinutes { get; set; } = 60;
}
