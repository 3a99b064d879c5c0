using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using LibrarianDesk.Hosting;
using StackExchange.Redis;

namespace LibrarianDesk.Realtime;

/// <summary>
/// Carries the desk's events between its servers: what <see cref="DeskNotifier"/> publishes here goes out on one Redis
/// channel, and <see cref="DeskEventListener"/> hands what the other servers publish to this server's subscribers.
/// Registered only when the desk runs on several servers (<c>Desk:Redis:Configuration</c>).
/// </summary>
public interface IDeskEventRelay
{
    /// <summary>Sends an event raised on this server to the others; a failure is logged, never thrown at the publisher.</summary>
    Task SendAsync(Type eventType, object deskEvent);
}

/// <summary>One message on the events channel: who raised it, its type's full name and the event as JSON.</summary>
internal sealed record DeskEventEnvelope(string Server, string Type, JsonElement Event)
{
    /// <summary>The one channel every server publishes to and listens on (under the connection's channel prefix).</summary>
    public static readonly RedisChannel Channel = RedisChannel.Literal("desk-events");

    /// <summary>The message for <paramref name="deskEvent"/> raised on <paramref name="server"/>: UTF-8 JSON, the server first.</summary>
    public static byte[] Write(string server, Type eventType, object deskEvent) => JsonSerializer.SerializeToUtf8Bytes(
        new DeskEventEnvelope(server, eventType.FullName!, JsonSerializer.SerializeToElement(deskEvent, eventType, Json)), Json);

    /// <summary>How every message <see cref="Write"/> makes for <paramref name="server"/> begins: <c>{"server":"…",</c>.</summary>
    public static byte[] StartOf(string server) => Encoding.UTF8.GetBytes($"{{\"server\":{JsonSerializer.Serialize(server, Json)},");

    /// <summary>
    /// Events are records of ids, texts and small values, and a few carry a stored row as the desk read it (a message
    /// line): such a domain type is rebuilt as EF Core does, through its private constructor and setters.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { RebuildLikeTheDatabase } },
        Converters = { new ReadOnlySetConverter() },
    };

    private static void RebuildLikeTheDatabase(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || type.Type.GetConstructors().Length > 0
            || type.Type.GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, System.Type.EmptyTypes) is not { } constructor)
        {
            return;
        }

        type.CreateObject = () => constructor.Invoke(null);
        foreach (var property in type.Properties)
        {
            if (property.Set is null && property.AttributeProvider is PropertyInfo { SetMethod: { } setter })
            {
                property.Set = (target, value) => setter.Invoke(target, [value]);
            }
        }
    }

    /// <summary>Reads a set an event declares by its interface (who is rung) as the set it was written from.</summary>
    private sealed class ReadOnlySetConverter : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) =>
            typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(IReadOnlySet<>);

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(SetOf<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

        private sealed class SetOf<T> : JsonConverter<IReadOnlySet<T>>
        {
            public override IReadOnlySet<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
                JsonSerializer.Deserialize<HashSet<T>>(ref reader, options) ?? [];

            public override void Write(Utf8JsonWriter writer, IReadOnlySet<T> value, JsonSerializerOptions options) =>
                JsonSerializer.Serialize(writer, value.AsEnumerable(), options);
        }
    }
}

internal sealed class RedisDeskEventRelay(IConnectionMultiplexer redis, DeskServer server, ILogger<RedisDeskEventRelay> logger) : IDeskEventRelay
{
    // Redis away: the change is committed and this server's pages have it; the other servers' caches are reread when
    // this server is connected again (DeskEventsMissed), their pages at their next refresh.
    private readonly RedisOrAlone shared = new(redis, logger, "the desk's events reach this server's pages");

    public async Task SendAsync(Type eventType, object deskEvent)
    {
        byte[] message;
        try
        {
            message = DeskEventEnvelope.Write(server.Id, eventType, deskEvent);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            logger.LogError(ex, "Could not send {Event} to the other servers", eventType.Name);
            return;
        }

        await shared.PublishAsync(DeskEventEnvelope.Channel, message);
    }
}

/// <summary>
/// This server's connection to Redis came back: events may have been missed both ways meanwhile (pub/sub keeps
/// nothing), so every server drops its caches of the database and reads them again.
/// </summary>
public sealed record DeskEventsMissed(string Server);

/// <summary>Hands the other servers' events to this server's subscribers, in the order each server sent them.</summary>
internal sealed class DeskEventListener(
    IConnectionMultiplexer redis, DeskNotifier notifier, DeskServer server, ILogger<DeskEventListener> logger) : IHostedService
{
    // Every server hears its own messages on the channel too; they begin with its id and are dropped unread.
    private readonly byte[] ownMessageStart = DeskEventEnvelope.StartOf(server.Id);

    private ChannelMessageQueue? queue;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        queue = await redis.GetSubscriber().SubscribeAsync(DeskEventEnvelope.Channel);

        // One message at a time: events from one server reach each subscriber in the order they were raised.
        queue.OnMessage(message => ReceiveAsync(message.Message));
        redis.ConnectionRestored += Reconnected;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored -= Reconnected;
        if (queue is not null)
        {
            await queue.UnsubscribeAsync();
        }
    }

    private void Reconnected(object? sender, ConnectionFailedEventArgs e) =>
        _ = notifier.PublishAsync(new DeskEventsMissed(server.Id));

    private async Task ReceiveAsync(RedisValue message)
    {
        var bytes = ((ReadOnlyMemory<byte>)message).Span;
        if (bytes.StartsWith(ownMessageStart))
        {
            return;
        }

        try
        {
            var envelope = JsonSerializer.Deserialize<DeskEventEnvelope>(bytes, DeskEventEnvelope.Json);
            if (envelope is not null && envelope.Server != server.Id)
            {
                await notifier.DeliverRaisedElsewhereAsync(envelope.Type, envelope.Event);
            }
        }
        catch (Exception ex)
        {
            // The client's message loop would swallow it silently; an event that cannot be read is worth a line.
            logger.LogWarning(ex, "Ignored a message on the desk's events channel that could not be read");
        }
    }
}
