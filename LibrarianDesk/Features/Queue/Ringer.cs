using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Conversations;

namespace LibrarianDesk.Features.Queue;

/// <summary>
/// Who is rung for what, in one place and once per event however many desk tabs are open: a waiting
/// conversation rings the librarians on duty (Online and still holding the Librarian role, asked of the
/// database, not of a tab's sign-in), a transfer rings the new owner while the conversation is still
/// hers, a greeting's answer rings the greeter. The decision goes out as <see cref="LibrariansRung"/>.
/// </summary>
public sealed partial class Ringer(
    DeskNotifier notifier, ConversationQueries queries, PresenceService presences, ILogger<Ringer> logger) : IHostedService
{
    private readonly List<IDisposable> subscriptions = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscriptions.Add(notifier.SubscribeWhereRaised<RingRequested>(ring => RingAsync(ring.ConversationId, () => DecideAsync(ring))));
        subscriptions.Add(notifier.SubscribeWhereRaised<GreetingAnswered>(answered => RingAsync(answered.ConversationId, () => DecideAsync(answered))));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscriptions.ForEach(s => s.Dispose());
        return Task.CompletedTask;
    }

    /// <summary>Whom a ring reaches, or null when nobody is to be rung (taken, missed or ended in the meantime, nobody on duty).</summary>
    public async Task<LibrariansRung?> DecideAsync(RingRequested ring, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var item = await queries.QueueItemAsync(ring.ConversationId, cancellationToken);
        if (ring.OnlyLibrarianId is { } owner)
        {
            return item is { Status: ConversationStatus.Active } && item.OwnerId == owner
                ? new LibrariansRung(RingReason.Transferred, item, new HashSet<string>(StringComparer.Ordinal) { owner })
                : null;
        }

        if (item is not { Status: ConversationStatus.Waiting })
        {
            return null;
        }

        var onDuty = (await presences.GetOnDutyAsync(cancellationToken)).Select(s => s.LibrarianId).ToHashSet(StringComparer.Ordinal);
        return onDuty.Count == 0 ? null : new LibrariansRung(RingReason.Waiting, item, onDuty);
    }

    private async Task<LibrariansRung?> DecideAsync(GreetingAnswered answered) =>
        await queries.QueueItemAsync(answered.ConversationId) is { } item
            ? new LibrariansRung(RingReason.GreetingAnswered, item, new HashSet<string>(StringComparer.Ordinal) { answered.LibrarianId })
            : null;

    private async Task RingAsync(Guid conversationId, Func<Task<LibrariansRung?>> decide)
    {
        LibrariansRung? rung;
        try
        {
            rung = await decide();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, conversationId);
            return;
        }

        if (rung is not null)
        {
            await notifier.PublishAsync(rung);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ring for conversation {ConversationId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid conversationId);
}
