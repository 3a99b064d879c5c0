using System.Collections.Immutable;

namespace LibrarianDesk.Realtime;

/// <summary>
/// In-process publish/subscribe for things that happened on the desk, raised after the change is
/// committed. Blazor components subscribe after their first render and dispose the subscription;
/// a failing subscriber is logged and never stops the others.
/// </summary>
public sealed class DeskNotifier(ILogger<DeskNotifier> logger)
{
    private readonly Lock gate = new();
    private ImmutableArray<Subscription> subscriptions = [];

    public IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(typeof(TEvent), e => handler((TEvent)e), this);
        lock (gate)
        {
            subscriptions = subscriptions.Add(subscription);
        }

        return subscription;
    }

    public async Task PublishAsync<TEvent>(TEvent deskEvent)
        where TEvent : notnull
    {
        var current = subscriptions;
        foreach (var subscription in current)
        {
            if (subscription.EventType != typeof(TEvent))
            {
                continue;
            }

            try
            {
                await subscription.Handler(deskEvent);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "A subscriber to {Event} failed", typeof(TEvent).Name);
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (gate)
        {
            subscriptions = subscriptions.Remove(subscription);
        }
    }

    private sealed class Subscription(Type eventType, Func<object, Task> handler, DeskNotifier owner) : IDisposable
    {
        public Type EventType { get; } = eventType;
        public Func<object, Task> Handler { get; } = handler;

        public void Dispose() => owner.Remove(this);
    }
}
