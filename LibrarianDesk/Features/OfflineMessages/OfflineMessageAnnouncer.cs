using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Realtime;

namespace LibrarianDesk.Features.OfflineMessages;

/// <summary>
/// Listens for new offline messages and queues their announcement to the library mailbox.
/// (The chat rules commit the message; the announcement follows in its own commit, queued once.)
/// </summary>
public sealed class OfflineMessageAnnouncer(DeskNotifier notifier, OfflineMessageService offline) : IHostedService, IDisposable
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = notifier.Subscribe<OfflineMessageReceived>(e => offline.AnnounceAsync(e.OfflineMessageId));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        subscription?.Dispose();
        subscription = null;
    }
}
