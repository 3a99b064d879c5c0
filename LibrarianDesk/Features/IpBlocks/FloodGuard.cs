using System.Net;
using System.Security.Cryptography;
using System.Text;
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
/// The counts are kept by <see cref="IAddressCounters"/>: in this process on one server, in the shared Redis when
/// several servers run, so an address reaches a threshold at the same total whichever servers hold its connections.
/// The block itself is stored and applies on every server.
/// </remarks>
public sealed class FloodGuard(IpBlockService blocks, IAddressCounters counters, IOptionsMonitor<FloodControlOptions> options, TimeProvider time)
{
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
        var now = time.GetUtcNow();
        var counted = await counters.CountAsync(
            key,
            new AddressEvent(now, conversationId, newConversation, RepeatedText.Of(text, limits.MinRepeatedTextLength)),
            new AddressWindows(TimeSpan.FromMinutes(limits.ConversationWindowMinutes), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(limits.RepeatWindowMinutes)));
        var reason = counted.Conversations > limits.MaxConversations ? $"more than {limits.MaxConversations} conversations in {limits.ConversationWindowMinutes} minutes"
            : counted.MessagesInConversation > limits.MaxMessagesPerMinute ? $"more than {limits.MaxMessagesPerMinute} messages in a minute in one conversation"
            : counted.ConversationsWithText > limits.MaxRepeats ? $"the same text in more than {limits.MaxRepeats} conversations in {limits.RepeatWindowMinutes} minutes"
            : null;

        // The address starts afresh (should IT staff lift the block); a call crossing at the same moment leaves the block to the first.
        if (reason is null || !await counters.ForgetAsync(key))
        {
            return reason is not null;
        }

        await blocks.AddAsync(
            AuditActor.System,
            new IpBlockDraft(key, IpBlock.AutomaticReasonPrefix + reason, BlockDuration.Until,
                now.AddMinutes(limits.BlockMinutes), Confirmed: true, IsAutomatic: true),
            administratorAddress: null);
        return true;
    }
}

/// <summary>
/// What the repeated-text rule compares: case and spacing ignored, and only texts long enough to be an
/// advertisement (short answers like "ok" or "terima kasih" are everyone's). A hash, so no patron's
/// words are kept in memory or in Redis; the same on every server, so servers' counts add up.
/// </summary>
internal static class RepeatedText
{
    public static string? Of(string text, int minLength)
    {
        var words = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var normalised = string.Join(' ', words).ToUpperInvariant();
        return normalised.Length >= minLength ? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)), 0, 12) : null;
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
