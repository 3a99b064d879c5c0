using System.Threading.Channels;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Hosting;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Queue;

/// <summary>
/// Decides when the desk rings: a conversation starts, one is transferred (only its new owner), and
/// again every <see cref="QueueOptions.RingRepeatSeconds"/> while a conversation waits unclaimed.
/// Rings are published from this service's own loop, so a patron's start never waits for the desks;
/// <see cref="Ringer"/> decides who hears each one. A start or a transfer rings on the server where it happened;
/// the repeat is one ring per period for the whole desk, so it runs on one server at a time (the registered
/// <see cref="IPeriodicWorkLease"/>; a scheduler made without one, in a test, rings on its own).
/// </summary>
public sealed class RingScheduler(
    DeskNotifier notifier,
    IDbContextFactory<DeskDbContext> dbFactory,
    IOptionsMonitor<QueueOptions> options,
    TimeProvider time,
    ILogger<RingScheduler> logger,
    IPeriodicWorkLease? lease = null) : PeriodicWork(time, logger, lease)
{
    private readonly Channel<RingRequested> rings = Channel.CreateUnbounded<RingRequested>(new UnboundedChannelOptions { SingleReader = true });

    private readonly List<IDisposable> subscriptions = [];

    /// <summary>Listens from the moment the host starts (ExecuteAsync runs later, on a pool thread).</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        subscriptions.Add(notifier.SubscribeWhereRaised<ConversationStarted>(e => Enqueue(new RingRequested(e.ConversationId))));
        subscriptions.Add(notifier.SubscribeWhereRaised<ConversationTransferred>(e => Enqueue(new RingRequested(e.ConversationId, e.ToLibrarianId))));
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        subscriptions.ForEach(s => s.Dispose());
        rings.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    /// <summary>Publishes the rings as they come; the repeat for waiting conversations is the periodic part alongside.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var repeating = base.ExecuteAsync(stoppingToken);
        try
        {
            await foreach (var ring in rings.Reader.ReadAllAsync(stoppingToken))
            {
                await notifier.PublishAsync(ring);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }

        await repeating;
    }

    /// <summary>Rings again for the conversation that has waited longest, if one has waited a full period. Returns whether it rang.</summary>
    public async Task<bool> RingForWaitingAsync(CancellationToken cancellationToken = default)
    {
        var waitedSince = Time.GetUtcNow() - RepeatPeriod;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var oldest = await db.Conversations.AsNoTracking()
            .Where(c => c.Status == ConversationStatus.Waiting && c.StartedAt <= waitedSince)
            .OrderBy(c => c.StartedAt)
            .Select(c => (Guid?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (oldest is not { } id)
        {
            return false;
        }

        await Enqueue(new RingRequested(id));
        return true;
    }

    private TimeSpan RepeatPeriod => TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.RingRepeatSeconds));

    protected override TimeSpan Interval => RepeatPeriod;

    protected override string FailureMessage => "Could not look for waiting conversations to ring for";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => RingForWaitingAsync(cancellationToken);

    private Task Enqueue(RingRequested ring)
    {
        rings.Writer.TryWrite(ring);
        return Task.CompletedTask;
    }
}
