using System.Collections.Immutable;
using System.Globalization;

namespace LibrarianDesk.Realtime;

/// <summary>
/// In-process publish/subscribe for things that happened on the desk, raised after the change is
/// committed. Blazor components subscribe after their first render and dispose the subscription;
/// a failing subscriber is logged and never stops the others. Each handler runs in the languages its
/// subscriber had when subscribing: the publisher may be a patron's connection or another librarian's
/// circuit, and a re-render must stay in the reader's language.
/// </summary>
public sealed class DeskNotifier(ILogger<DeskNotifier> logger)
{
    private readonly Lock gate = new();
    private ImmutableArray<Subscription> subscriptions = [];

    public IDisposable Subscribe<TEvent>(Func<TEvent, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(typeof(TEvent), e => handler((TEvent)e), CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture, this);
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

            var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            try
            {
                CultureInfo.CurrentCulture = subscription.Culture;
                CultureInfo.CurrentUICulture = subscription.UICulture;
                await subscription.Handler(deskEvent);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "A subscriber to {Event} failed", typeof(TEvent).Name);
            }
            finally
            {
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = uiCulture;
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

    private sealed class Subscription(
        Type eventType, Func<object, Task> handler, CultureInfo culture, CultureInfo uiCulture, DeskNotifier owner) : IDisposable
    {
        public Type EventType { get; } = eventType;
        public Func<object, Task> Handler { get; } = handler;
        public CultureInfo Culture { get; } = culture;
        public CultureInfo UICulture { get; } = uiCulture;

        public void Dispose() => owner.Remove(this);
    }
}
