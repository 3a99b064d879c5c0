using System.Text.Json;
using System.Threading.Channels;
using StackExchange.Redis;

namespace LibrarianDesk.Bench.Hosting;

/// <summary>
/// The bare hub's stand-in for the desk's event relay on two servers: a message posted on one server goes out on one
/// Redis channel (as the desk's events do, JSON naming the server), and every server hands the other servers' posts to
/// its librarians, one at a time, who answer through the hub context and so through SignalR's Redis backplane.
/// </summary>
public sealed class EchoRelay : IAsyncDisposable
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("echo-posts");

    private readonly ConnectionMultiplexer redis;
    private readonly string server;
    private ChannelMessageQueue? queue;

    private EchoRelay(ConnectionMultiplexer redis, string server)
    {
        this.redis = redis;
        this.server = server;
    }

    /// <summary>The one connection this server's backplane and posts share, as the desk's backplane and events do.</summary>
    public IConnectionMultiplexer Redis => redis;

    public static async Task<EchoRelay> ConnectAsync(ServerGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var options = ConfigurationOptions.Parse(group.Redis);
        options.ChannelPrefix = RedisChannel.Literal(group.Prefix + ":");
        var server = $"{group.Name}-{Environment.ProcessId}";
        options.ClientName = server;
        return new EchoRelay(await ConnectionMultiplexer.ConnectAsync(options), server);
    }

    /// <summary>Starts handing the other servers' posts to <paramref name="posts"/>.</summary>
    public async Task ListenAsync(ChannelWriter<EchoPost> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        queue = await redis.GetSubscriber().SubscribeAsync(Channel);
        queue.OnMessage(message =>
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(message.Message.ToString(), JsonSerializerOptions.Web);
            if (envelope is not null && envelope.Server != server)
            {
                posts.TryWrite(envelope.Post);
            }
        });
    }

    public Task SendAsync(EchoPost post) =>
        redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(new Envelope(server, post), JsonSerializerOptions.Web));

    public async ValueTask DisposeAsync()
    {
        if (queue is not null)
        {
            await queue.UnsubscribeAsync();
        }

        await redis.DisposeAsync();
    }

    private sealed record Envelope(string Server, EchoPost Post);
}
