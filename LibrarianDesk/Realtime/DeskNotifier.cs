using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace LibrarianDesk.Realtime;

/// <summary>
/// In-process publish/subscribe for things that happened on the desk, raised after the change is
/// committed. Blazor components subscribe after their first render and dispose the subscription;
/// a failing or cancelled subscriber is logged and never stops the others nor fails the publisher. Each handler runs in the languages its
/// subscriber had when subscribing: the publisher may be a patron's connection or another librarian's
/// circuit, and a re-render must stay in the reader's language. With several servers an <see cref="IDeskEventRelay"/>
/// carries each event to the other servers too, where it reaches the subscribers that hear events raised elsewhere.
/// </summary>
public sealed class DeskNotifier(ILogger<DeskNotifier> logger, IDeskEventRelay? relay = null)
{
    private readonly Lock gate = new();
    private ImmutableArray<Subscription> subscriptions = [];

    // Only types somebody here listens to are read from the other servers' messages: a name never becomes any other type.
    private readonly ConcurrentDictionary<string, Type> subscribedTypes = new(StringComparer.Ordinal);

    /// <summary>Hears the event wherever it was raised: on this server and, with several servers, on every other.</summary>
    public IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler) => Add(handler, whereRaisedOnly: false);

    /// <summary>
    /// Hears the event only on the server that raised it: for work that must happen once per event (deciding a
    /// ring, queuing a mail, changing rows), which every server doing it would repeat.
    /// </summary>
    public IDisposable SubscribeWhereRaised<TEvent>(Func<TEvent, Task> handler) => Add(handler, whereRaisedOnly: true);

    private Subscription Add<TEvent>(Func<TEvent, Task> handler, bool whereRaisedOnly)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(typeof(TEvent), e => handler((TEvent)e), whereRaisedOnly, CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture, this);
        lock (gate)
        {
            subscriptions = subscriptions.Add(subscription);
        }

        subscribedTypes.TryAdd(typeof(TEvent).FullName!, typeof(TEvent));

        return subscription;
    }

    /// <summary>
    /// Hands the event to every subscriber at once and completes when all have handled it: one slow
    /// page (a refresh reading the database) must not hold up the others, nor the patron waiting for
    /// the acknowledgement behind this call. Events from one publisher still reach each subscriber in order.
    /// </summary>
    public Task PublishAsync<TEvent>(TEvent deskEvent)
        where TEvent : notnull
    {
        var deliveries = Deliver(deskEvent);
        if (relay is not null)
        {
            deliveries.Add(relay.SendAsync(typeof(TEvent), deskEvent));
        }

        return Task.WhenAll(deliveries);
    }

    /// <summary>
    /// Hands the event to this server's subscribers only: for news of this server's own state that the other servers
    /// learn another way (each server shares its live visitors as a whole, not every arrival).
    /// </summary>
    public Task PublishHereAsync<TEvent>(TEvent deskEvent)
        where TEvent : notnull => Task.WhenAll(Deliver(deskEvent));

    /// <summary>Whether events published here reach the other servers too (several servers with Redis).</summary>
    public bool ReachesOtherServers => relay is not null;

    private List<Task> Deliver<TEvent>(TEvent deskEvent)
        where TEvent : notnull
    {
        var deliveries = new List<Task>();
        foreach (var subscription in subscriptions)
        {
            if (subscription.EventType == typeof(TEvent))
            {
                deliveries.Add(DeliverAsync(subscription, typeof(TEvent), deskEvent));
            }
        }

        return deliveries;
    }

    /// <summary>
    /// Hands an event another server raised to the subscribers here that hear events raised elsewhere. An event of a
    /// type nobody here subscribes to is dropped unread.
    /// </summary>
    internal Task DeliverRaisedElsewhereAsync(string eventTypeName, JsonElement json)
    {
        if (!subscribedTypes.TryGetValue(eventTypeName, out var eventType))
        {
            return Task.CompletedTask;
        }

        object? deskEvent;
        try
        {
            deskEvent = json.Deserialize(eventType, DeskEventEnvelope.Json);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignored a {Event} from another server that could not be read", eventType.Name);
            return Task.CompletedTask;
        }

        if (deskEvent is null)
        {
            return Task.CompletedTask;
        }

        var deliveries = new List<Task>();
        foreach (var subscription in subscriptions)
        {
            if (subscription.EventType == eventType && !subscription.WhereRaisedOnly)
            {
                deliveries.Add(DeliverAsync(subscription, eventType, deskEvent));
            }
        }

        return Task.WhenAll(deliveries);
    }

    /// <summary>The culture set here stays inside this call: an async method's changes do not flow back to its caller.</summary>
    private async Task DeliverAsync(Subscription subscription, Type eventType, object deskEvent)
    {
        CultureInfo.CurrentCulture = subscription.Culture;
        CultureInfo.CurrentUICulture = subscription.UICulture;
        try
        {
            await subscription.Handler(deskEvent);
        }
        catch (OperationCanceledException ex)
        {
            // The publisher cancelled nothing (it passes no token), so this is the subscriber's own: a circuit torn
            // down mid-call (a tab closed while being rung). Let through, it stopped the ring service and with
            // it the whole desk, and would turn a patron's committed message into an error.
            logger.LogDebug(ex, "A subscriber to {Event} was cancelled", eventType.Name);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "A subscriber to {Event} failed", eventType.Name);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (gate)
        {
            subscriptions = subscriptions.Remove(subscription);
        }
    }

    private sealed class Subscription(
        Type eventType, Func<object, Task> handler, bool whereRaisedOnly, CultureInfo culture, CultureInfo uiCulture, DeskNotifier owner) : IDisposable
    {
        public Type EventType { get; } = eventType;
        public Func<object, Task> Handler { get; } = handler;
        public bool WhereRaisedOnly { get; } = whereRaisedOnly;
        public CultureInfo Culture { get; } = culture;
        public CultureInfo UICulture { get; } = uiCulture;

        public void Dispose() => owner.Remove(this);
    }
}
