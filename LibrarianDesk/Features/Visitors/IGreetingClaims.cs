namespace LibrarianDesk.Features.Visitors;

/// <summary>
/// The two greeting rules that must hold across the desk's servers: a visitor is greeted at most once within the
/// cool-down (whoever greets, on whichever server, even after they leave and come back), and a greeting is answered once
/// (from whichever tab).
/// </summary>
public interface IGreetingClaims
{
    /// <summary>Claims the visitor's greeting for <paramref name="at"/>: null when granted, else how long until they may be greeted.</summary>
    Task<TimeSpan?> TryGreetAsync(string visitorId, DateTimeOffset at, TimeSpan cooldown);

    /// <summary>Claims the answer to greeting <paramref name="greetingId"/>: true the first time only.</summary>
    Task<bool> TryAnswerAsync(Guid greetingId, TimeSpan keepFor);
}

/// <summary>The claims of a desk on one server: in this process, forgotten after their time.</summary>
public sealed class InProcessGreetingClaims(TimeProvider time) : IGreetingClaims
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, DateTimeOffset> greetedUntil = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, DateTimeOffset> answeredUntil = [];

    public Task<TimeSpan?> TryGreetAsync(string visitorId, DateTimeOffset at, TimeSpan cooldown)
    {
        lock (gate)
        {
            Forget(greetedUntil, at);
            if (greetedUntil.TryGetValue(visitorId, out var until))
            {
                return Task.FromResult<TimeSpan?>(until - at);
            }

            greetedUntil[visitorId] = at + cooldown;
            return Task.FromResult<TimeSpan?>(null);
        }
    }

    public Task<bool> TryAnswerAsync(Guid greetingId, TimeSpan keepFor)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            Forget(answeredUntil, now);
            return Task.FromResult(answeredUntil.TryAdd(greetingId, now + keepFor));
        }
    }

    // Greetings are few (one per visitor per cool-down), so a sweep per claim keeps the maps small at little cost.
    private static void Forget<TKey>(Dictionary<TKey, DateTimeOffset> claims, DateTimeOffset now)
        where TKey : notnull
    {
        foreach (var (key, until) in claims)
        {
            if (until <= now)
            {
                claims.Remove(key);
            }
        }
    }
}
