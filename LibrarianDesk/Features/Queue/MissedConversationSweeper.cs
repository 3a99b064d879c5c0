using LibrarianDesk.Data;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Shared.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Queue;

/// <summary>
/// Every few seconds, conversations that waited longer than <see cref="QueueOptions.MissedAfterSeconds"/>
/// become Missed: <see cref="ChatService.MarkMissedAsync"/> tells the patron and the desks, and leaves
/// alone any conversation a librarian took in the meantime.
/// </summary>
public sealed class MissedConversationSweeper(
    IDbContextFactory<DeskDbContext> dbFactory,
    ChatService chat,
    IOptionsMonitor<QueueOptions> options,
    TimeProvider time,
    ILogger<MissedConversationSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.MissedSweepSeconds));
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not mark waiting conversations as missed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Marks every conversation that has waited too long as Missed; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var startedBefore = time.GetUtcNow() - TimeSpan.FromSeconds(options.CurrentValue.MissedAfterSeconds);
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
            if (await chat.MarkMissedAsync(id))
            {
                missed++;
            }
        }

        return missed;
    }
}
