using System.Collections.Concurrent;
using System.Net;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Shared.Blocking;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.IpBlocks;

/// <summary>
/// Automatic flood control: an address that starts too many conversations, sends messages into one
/// conversation faster than anyone types, or pastes the same long text into several conversations gets a
/// temporary block ("automatic: …") that
/// IT staff see and can lift. Only what the desk accepted as new counts: a resend, a retried start and a
/// refused call never do, and a text repeated inside one conversation ("ok", "terima kasih") never does.
/// Addresses in <see cref="FloodControlOptions.ExemptNetworks"/> (a library's own network behind one NAT)
/// are never counted.
/// </summary>
/// <remarks>
/// Counts live in the memory of the server holding the patron's connection and forget themselves after
/// their window. On several servers each counts the connections it holds, so a threshold can only be
/// crossed later, never sooner; the block itself is stored and applies on every server.
/// </remarks>
public sealed class FloodGuard(IpBlockService blocks, IOptionsMonitor<FloodControlOptions> options, TimeProvider time)
{
    /// <summary>More than this many addresses are tracked only while they are active.</summary>
    private const int PruneAbove = 10_000;

    /// <summary>Bounds the texts remembered per address, whatever the window.</summary>
    private const int MaxTextsPerAddress = 1_000;

    private readonly ConcurrentDictionary<string, Activity> activity = new();

    /// <summary>
    /// Counts a conversation the desk has just started; true when it crosses a threshold and the address
    /// (the client address, <see cref="Hosting.ClientAddressExtensions"/>) is now blocked.
    /// </summary>
    public Task<bool> ConversationStartedAsync(IPAddress? address, Guid conversationId, string text) =>
        RecordAsync(address, conversationId, text, newConversation: true);

    /// <summary>Counts a message the desk has just stored; true when it crosses a threshold and the address is now blocked.</summary>
    public Task<bool> MessageStoredAsync(IPAddress? address, Guid conversationId, string text) =>
        RecordAsync(address, conversationId, text, newConversation: false);

    private async Task<bool> RecordAsync(IPAddress? address, Guid conversationId, string text, bool newConversation)
    {
        var limits = options.CurrentValue;
        if (address is null || !limits.Enabled || limits.IsExempt(address))
        {
            return false;
        }

        var key = address.ToString();
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

            entry.Messages.Enqueue((now, conversationId));
            var messagesInConversation = entry.Messages.Count(m => m.ConversationId == conversationId);
            var conversationsWithText = entry.RememberText(now, conversationId, RepeatedText.Of(text, limits.MinRepeatedTextLength));
            reason = entry.Conversations.Count > limits.MaxConversations ? $"more than {limits.MaxConversations} conversations in {limits.ConversationWindowMinutes} minutes"
                : messagesInConversation > limits.MaxMessagesPerMinute ? $"more than {limits.MaxMessagesPerMinute} messages in a minute in one conversation"
                : conversationsWithText > limits.MaxRepeats ? $"the same text in more than {limits.MaxRepeats} conversations in {limits.RepeatWindowMinutes} minutes"
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
        if (activity.Count < PruneAbove)
        {
            return;
        }

        var horizon = now - TimeSpan.FromMinutes(Math.Max(options.CurrentValue.ConversationWindowMinutes, options.CurrentValue.RepeatWindowMinutes));
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
        private Queue<(DateTimeOffset At, int Text, Guid ConversationId)> Texts { get; } = new();

        /// <summary>Remembers a text long enough to count; the number of conversations it now stands in.</summary>
        public int RememberText(DateTimeOffset now, Guid conversationId, int? text)
        {
            if (text is not { } hash)
            {
                return 0;
            }

            Texts.Enqueue((now, hash, conversationId));
            if (Texts.Count > MaxTextsPerAddress)
            {
                Texts.Dequeue();
            }

            return Texts.Where(t => t.Text == hash).Select(t => t.ConversationId).Distinct().Count();
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

/// <summary>
/// What the repeated-text rule compares: case and spacing ignored, and only texts long enough to be an
/// advertisement (short answers like "ok" or "terima kasih" are everyone's). A hash, so no patron's
/// words are kept in memory.
/// </summary>
internal static class RepeatedText
{
    public static int? Of(string text, int minLength)
    {
        var words = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var normalised = string.Join(' ', words).ToUpperInvariant();
        return normalised.Length >= minLength ? StringComparer.Ordinal.GetHashCode(normalised) : null;
    }
}

/// <summary>Section <c>Desk:FloodControl</c>; the rules are described in the README.</summary>
public sealed class FloodControlOptions
{
    public bool Enabled { get; set; } = true;
    public int MaxConversations { get; set; } = 10;
    public int ConversationWindowMinutes { get; set; } = 10;

    /// <summary>Per conversation, so that patrons sharing one address (a campus NAT) never add up.</summary>
    public int MaxMessagesPerMinute { get; set; } = 30;

    /// <summary>How many conversations of one address may carry the same text within <see cref="RepeatWindowMinutes"/>.</summary>
    public int MaxRepeats { get; set; } = 3;
    public int RepeatWindowMinutes { get; set; } = 60;

    /// <summary>Shorter texts are never compared.</summary>
    public int MinRepeatedTextLength { get; set; } = 20;
    public int BlockMinutes { get; set; } = 60;

    /// <summary>Addresses or CIDR ranges never counted, e.g. the library's own reading rooms behind one NAT.</summary>
    public IList<string> ExemptNetworks { get; } = [];

    public bool IsExempt(IPAddress address) =>
        ExemptNetworks.Any(network => IpRange.TryParse(network, out var range, out _) && range.Contains(address));
}
