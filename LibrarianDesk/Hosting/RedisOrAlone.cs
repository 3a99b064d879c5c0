using StackExchange.Redis;

namespace LibrarianDesk.Hosting;

/// <summary>
/// Calls to the servers' shared Redis for work that must never refuse or hold up a patron or a librarian (counting an
/// address, claiming a greeting, telling the other servers): each call answers within <see cref="ResponseTimeout"/> or
/// reports no answer, and the caller goes on as one server would. Without this a call waits in the client's backlog
/// for its 5 s timeout while Redis is away. One warning when Redis stops answering, one line when it answers again.
/// </summary>
public sealed partial class RedisOrAlone(IConnectionMultiplexer redis, ILogger logger, string work)
{
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(1);

    private int unreachable;

    /// <summary>Redis's answer to <paramref name="call"/>, or no answer when it is not connected, fails or is too slow.</summary>
    public Task<(bool Answered, T Value)> TryAsync<T>(Func<IDatabase, Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return TryAsync(() => call(redis.GetDatabase()));
    }

    /// <summary>Publishes <paramref name="message"/> on <paramref name="channel"/>; false when Redis did not take it in time.</summary>
    public async Task<bool> PublishAsync(RedisChannel channel, RedisValue message) =>
        (await TryAsync(() => redis.GetSubscriber().PublishAsync(channel, message))).Answered;

    private async Task<(bool Answered, T Value)> TryAsync<T>(Func<Task<T>> call)
    {
        if (!redis.IsConnected)
        {
            Unreachable(null);
            return (false, default!);
        }

        try
        {
            var value = await call().WaitAsync(ResponseTimeout);
            if (Interlocked.Exchange(ref unreachable, 0) == 1)
            {
                LogReachable(logger, work);
            }

            return (true, value);
        }
        catch (Exception failure) when (failure is RedisException or TimeoutException)
        {
            Unreachable(failure);
            return (false, default!);
        }
    }

    private void Unreachable(Exception? failure)
    {
        if (Interlocked.Exchange(ref unreachable, 1) == 0)
        {
            LogUnreachable(logger, work, failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis cannot be reached: {Work} on this server alone until it answers again")]
    private static partial void LogUnreachable(ILogger logger, string work, Exception? failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis answers again: {Work} across the servers")]
    private static partial void LogReachable(ILogger logger, string work);
}
