using System.Globalization;
using LibrarianDesk.Hosting;
using StackExchange.Redis;

namespace LibrarianDesk.Features.Visitors;

/// <summary>
/// The greeting claims of a desk on several servers, as keys in their shared Redis that expire with the claim: two
/// librarians on different servers greeting one visitor at once get one greeting out, and a greeting shown in tabs on
/// two servers starts one conversation.
/// </summary>
/// <remarks>
/// Redis unreachable: greetings must not stop, so this server claims on its own (<see cref="InProcessGreetingClaims"/>);
/// at worst a visitor on two servers is greeted twice.
/// </remarks>
public sealed class RedisGreetingClaims(
    IConnectionMultiplexer redis, DeskRedisOptions settings, InProcessGreetingClaims fallback, ILogger<RedisGreetingClaims> logger) : IGreetingClaims
{
    // KEYS: the visitor's claim. ARGV: when this greeting is sent (ms), the cool-down (ms).
    // Answers -1 when the claim is made, else when the greeting holding it was sent.
    private const string GreetScript = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return -1 end
        return tonumber(redis.call('GET', KEYS[1]) or '-1')
        """;

    private readonly RedisOrAlone shared = new(redis, logger, "greetings are claimed");

    public async Task<TimeSpan?> TryGreetAsync(string visitorId, DateTimeOffset at, TimeSpan cooldown)
    {
        var (answered, result) = await shared.TryAsync(db => db.ScriptEvaluateAsync(
            GreetScript, [Key("greeted", visitorId)], [at.ToUnixTimeMilliseconds(), (long)cooldown.TotalMilliseconds]));
        if (!answered)
        {
            return await fallback.TryGreetAsync(visitorId, at, cooldown);
        }

        var greetedAt = (long)result;
        return greetedAt < 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(greetedAt) + cooldown - at;
    }

    public async Task<bool> TryAnswerAsync(Guid greetingId, TimeSpan keepFor)
    {
        var (answered, claimed) = await shared.TryAsync(db => db.StringSetAsync(Key("answered", greetingId.ToString("N")), 1, keepFor, When.NotExists));
        return answered ? claimed : await fallback.TryAnswerAsync(greetingId, keepFor);
    }

    private RedisKey Key(string claim, string id) => string.Create(CultureInfo.InvariantCulture, $"{settings.Prefix}:greeting-{claim}:{id}");
}
