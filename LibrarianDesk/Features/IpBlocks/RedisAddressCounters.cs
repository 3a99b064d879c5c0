using System.Globalization;
using LibrarianDesk.Hosting;
using StackExchange.Redis;

namespace LibrarianDesk.Features.IpBlocks;

/// <summary>
/// The address counters of a desk on several servers, in their shared Redis under <see cref="DeskRedisOptions.Prefix"/>:
/// the same sliding windows and token bucket as <see cref="InProcessAddressCounters"/>, each changed by one Lua script,
/// so calls through different servers count as one. The keys expire with their window.
/// </summary>
/// <remarks>
/// Redis unreachable (or slower than <see cref="RedisOrAlone.ResponseTimeout"/>): these counters must never refuse a patron, so the
/// server counts on its own (<see cref="InProcessAddressCounters"/>, as one server would) and logs one warning per outage.
/// </remarks>
public sealed class RedisAddressCounters(
    IConnectionMultiplexer redis, DeskRedisOptions settings, InProcessAddressCounters fallback, ILogger<RedisAddressCounters> logger) : IAddressCounters
{
    // KEYS: the address's conversations, messages and texts (sorted sets scored by the time in milliseconds).
    // ARGV: now, an id of this event, its conversation, 1 when it starts it, its text hash or '', the three windows, the text bound.
    // A member at or before now - window is forgotten, as in this process; a text's member is its conversation, so ZADD keeps its latest time.
    private const string CountScript = """
        local now = tonumber(ARGV[1])
        local conversation = ARGV[3]
        if ARGV[4] == '1' then
          redis.call('ZADD', KEYS[1], now, ARGV[2])
        end
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[6]))
        redis.call('PEXPIRE', KEYS[1], ARGV[6])
        local conversations = redis.call('ZCARD', KEYS[1])

        redis.call('ZADD', KEYS[2], now, conversation .. ':' .. ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[7]))
        redis.call('PEXPIRE', KEYS[2], ARGV[7])
        local messages = 0
        for _, member in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
          if string.sub(member, 1, #conversation) == conversation then messages = messages + 1 end
        end

        local texts = 0
        if ARGV[5] ~= '' then
          local text = ARGV[5] .. ':'
          redis.call('ZADD', KEYS[3], now, text .. conversation)
          redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[8]))
          redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -tonumber(ARGV[9]) - 1)
          redis.call('PEXPIRE', KEYS[3], ARGV[8])
          for _, member in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
            if string.sub(member, 1, #text) == text then texts = texts + 1 end
          end
        end
        return { conversations, messages, texts }
        """;

    // KEYS: the address's bucket (a hash: tokens left, and when whole periods were last added). ARGV: burst, tokens per period, period (ms).
    // Redis's clock, so servers whose clocks differ a little share one bucket. Answers -1 when granted, else the milliseconds to wait.
    private const string TakeScript = """
        local burst = tonumber(ARGV[1])
        local perPeriod = tonumber(ARGV[2])
        local period = tonumber(ARGV[3])
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
        local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(bucket[1]) or burst
        local at = tonumber(bucket[2]) or now
        local periods = math.floor((now - at) / period)
        if periods > 0 then
          tokens = math.min(burst, tokens + periods * perPeriod)
          at = at + periods * period
        end
        local wait = -1
        if tokens >= 1 then tokens = tokens - 1 else wait = math.max(1, at + period - now) end
        redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', at)
        redis.call('PEXPIRE', KEYS[1], (math.ceil(burst / perPeriod) + 1) * period)
        return wait
        """;

    private readonly RedisOrAlone shared = new(redis, logger, "flood control and the per-address rate limit count");

    public async Task<AddressActivity> CountAsync(string address, AddressEvent happened, AddressWindows windows)
    {
        ArgumentNullException.ThrowIfNull(happened);
        ArgumentNullException.ThrowIfNull(windows);
        if (await RunAsync(CountScript, FloodKeys(address),
            [
                happened.At.ToUnixTimeMilliseconds(), Guid.NewGuid().ToString("N"), happened.ConversationId.ToString("N"),
                happened.NewConversation ? 1 : 0, happened.Text ?? "",
                (long)windows.Conversations.TotalMilliseconds, (long)windows.Messages.TotalMilliseconds, (long)windows.Texts.TotalMilliseconds,
                InProcessAddressCounters.MaxTextsPerAddress,
            ]) is { } counted)
        {
            var counts = (RedisResult[])counted!;
            return new AddressActivity((int)counts[0], (int)counts[1], (int)counts[2]);
        }

        return await fallback.CountAsync(address, happened, windows);
    }

    public async Task<bool> ForgetAsync(string address)
    {
        var (answered, forgotten) = await shared.TryAsync(db => db.KeyDeleteAsync(FloodKeys(address)));

        // Counts made during an outage stay here; both go. Unanswered, the counts that crossed may be in Redis, out of
        // reach: block rather than let the flood go on.
        var forgottenHere = await fallback.ForgetAsync(address);
        return !answered || forgotten > 0 || forgottenHere;
    }

    public async ValueTask<TimeSpan?> TakeCallAsync(string address, CallAllowance allowance)
    {
        ArgumentNullException.ThrowIfNull(allowance);
        if (await RunAsync(TakeScript, [Key("calls", address)],
            [allowance.Burst, allowance.TokensPerPeriod, (long)CallAllowance.Period.TotalMilliseconds]) is { } waited)
        {
            var milliseconds = (long)waited;
            return milliseconds < 0 ? null : TimeSpan.FromMilliseconds(milliseconds);
        }

        return await fallback.TakeCallAsync(address, allowance);
    }

    /// <summary>The script's answer, or null when Redis could not give one in time.</summary>
    private async Task<RedisResult?> RunAsync(string script, RedisKey[] keys, RedisValue[] values)
    {
        var (answered, result) = await shared.TryAsync(db => db.ScriptEvaluateAsync(script, keys, values));
        return answered ? result : null;
    }

    private RedisKey[] FloodKeys(string address) =>
        [Key("flood-conversations", address), Key("flood-messages", address), Key("flood-texts", address)];

    // The address in braces: one address's keys stay on one node of a Redis cluster, as a script needs.
    private RedisKey Key(string counter, string address) =>
        string.Create(CultureInfo.InvariantCulture, $"{settings.Prefix}:{counter}:{{{address}}}");
}
