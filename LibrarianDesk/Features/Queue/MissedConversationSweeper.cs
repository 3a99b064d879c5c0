using LibrarianDesk.Data;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Hosting;
using LibrarianDesk.Shared.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Queue;

/// <summary>
/// Every few seconds, conversations that waited longer than <see cref="QueueOptions.MissedAfterSeconds"/>
/// become Missed: <see cref="ConversationLifecycle.MarkMissedAsync"/> tells the patron and the desks, and leaves
/// alone any conversation a librarian took in the meantime. It changes everyone's conversations, so it
/// runs on one server at a time: the host gives it the registered <see cref="IPeriodicWorkLease"/>; a sweeper
/// made without one (a test calling <see cref="SweepAsync"/>) has no other server to defer to.
/// </summary>
public sealed class MissedConversationSweeper(
    IDbContextFactory<DeskDbContext> dbFactory,
    ConversationLifecycle lifecycle,
    IOptionsMonitor<QueueOptions> options,
    TimeProvider time,
    ILogger<MissedConversationSweeper> logger,
    IPeriodicWorkLease? lease = null) : PeriodicWork(time, logger, lease)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.MissedSweepSeconds));

    protected override string FailureMessage => "Could not mark waiting conversations as missed";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    /// <summary>Marks every conversation that has waited too long as Missed; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var startedBefore = Time.GetUtcNow() - TimeSpan.FromSeconds(options.CurrentValue.MissedAfterSeconds);
        List<Guid> overdue;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            overdue = await db.Conversations.AsNoTracking()
                .Where(c => c.Status == ConversationStatus.Waiting && c.StartedAt <= startedBefore)
                .Select(c => c.Id)
                .ToListAsync(cancellationToken);
        }

        var missed = 0;
        foreach (var id in overdue)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await lifecycle.MarkMissedAsync(id))
            {
                missed++;
            }
        }

        return missed;
    }
}
