using System.Threading.RateLimiting;

namespace LibrarianDesk.Features.IpBlocks;

/// <summary>
/// What each client address did lately, counted in sliding windows for flood control (<see cref="FloodGuard"/>) and
/// taken from a token bucket for the per-address call rate limit. Kept in this process
/// (<see cref="InProcessAddressCounters"/>) on one server, and in the shared Redis (<see cref="RedisAddressCounters"/>)
/// when several servers run, so a threshold is the same whichever servers an address's calls reach.
/// </summary>
public interface IAddressCounters
{
    /// <summary>Counts one event of <paramref name="address"/> and answers what its windows now hold, this event included.</summary>
    Task<AddressActivity> CountAsync(string address, AddressEvent happened, AddressWindows windows);

    /// <summary>Forgets all of the address's counts; false when another call already did (it blocks the address, this one need not).</summary>
    Task<bool> ForgetAsync(string address);

    /// <summary>Takes one call from the address's bucket: null when granted, otherwise how long until a call is let through again.</summary>
    ValueTask<TimeSpan?> TakeCallAsync(string address, CallAllowance allowance);
}

/// <summary>
/// One event flood control counts: a message, the first of a new conversation when <paramref name="NewConversation"/>;
/// <paramref name="Text"/> is <see cref="RepeatedText"/>'s hash, null for texts too short to compare.
/// </summary>
public sealed record AddressEvent(DateTimeOffset At, Guid ConversationId, bool NewConversation, string? Text);

/// <summary>How far back each count looks.</summary>
public sealed record AddressWindows(TimeSpan Conversations, TimeSpan Messages, TimeSpan Texts);

/// <summary>
/// An address's counts: conversations started in their window, messages into this event's conversation in theirs,
/// and how many conversations carried this event's text in theirs (0 without a text).
/// </summary>
public readonly record struct AddressActivity(int Conversations, int MessagesInConversation, int ConversationsWithText);

/// <summary>A token bucket: <paramref name="Burst"/> calls at once, refilled by whole tokens every second.</summary>
public sealed record CallAllowance(int Burst, double PerSecond)
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    public int TokensPerPeriod => Math.Max(1, (int)Math.Round(PerSecond));

    public TokenBucketRateLimiterOptions ToTokenBucket() => new()
    {
        TokenLimit = Burst,
        TokensPerPeriod = TokensPerPeriod,
        ReplenishmentPeriod = Period,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
