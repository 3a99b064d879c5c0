using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Realtime;

namespace LibrarianDesk.Features.Visitors;

/// <summary>Keeps each live visitor's chat state (browsing, waiting, chatting with whom) in step with their conversation.</summary>
internal sealed class VisitorChatTracker(DeskNotifier notifier, VisitorService visitors, VisitorHistory history) : IHostedService, IDisposable
{
    private readonly List<IDisposable> subscriptions = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (subscriptions)
        {
            subscriptions.Add(notifier.Subscribe<ConversationStarted>(e => UpdateAsync(e.ConversationId)));
            // A transfer publishes ConversationStatusChanged too, so it needs no subscription of its own.
            subscriptions.Add(notifier.Subscribe<ConversationStatusChanged>(e => UpdateAsync(e.ConversationId)));
        }

        return Task.CompletedTask;
    }

    private async Task UpdateAsync(Guid conversationId)
    {
        if (visitors.Count == 0)
        {
            return;
        }

        if (await history.ConversationAsync(conversationId) is { } chat)
        {
            await visitors.SetChatAsync(chat.VisitorId, conversationId, chat.State, chat.LibrarianName);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    // Stopping and disposing both end the subscriptions, and at shutdown they can overlap (the bench
    // crashed with "Collection was modified" here): each subscription is taken out once, under the lock.
    public void Dispose()
    {
        IDisposable[] ending;
        lock (subscriptions)
        {
            ending = [.. subscriptions];
            subscriptions.Clear();
        }

        foreach (var subscription in ending)
        {
            subscription.Dispose();
        }
    }
}
