using LibrarianDesk.Features.Desk;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Visitors;

/// <summary>
/// Looks at the visitors every <see cref="VisitorOptions.CheckInterval"/> and sends the automatic
/// greetings that are due: only while the desk takes chats, each trigger at most once per visit.
/// </summary>
public sealed class GreetingTriggerEvaluator(
    VisitorService visitors, GreetingTriggerStore triggers, GreetingService greetings, DeskStatusService deskStatus,
    IOptionsMonitor<VisitorOptions> options, TimeProvider time, ILogger<GreetingTriggerEvaluator> logger) : BackgroundService
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>One evaluation; returns how many greetings were sent.</summary>
    public async Task<int> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var enabled = await triggers.EnabledAsync(cancellationToken);
            if (enabled.Count == 0 || visitors.Count == 0 || !(await deskStatus.GetAsync(cancellationToken)).IsOpenForChats)
            {
                return 0;
            }

            var now = time.GetUtcNow();
            var sent = 0;
            foreach (var candidate in visitors.GreetingCandidates())
            {
                var due = enabled.FirstOrDefault(t => !candidate.TriggersFired.Contains(t.Id)
                    && t.IsDue(candidate.PageUrl, candidate.PageTitle, candidate.PageSince, candidate.Referrer, now));
                if (due is not null && await greetings.GreetAutomaticallyAsync(candidate, due))
                {
                    sent++;
                }
            }

            return sent;
        }
        finally
        {
            gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.CheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await EvaluateAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not evaluate the automatic greetings");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public override void Dispose()
    {
        gate.Dispose();
        base.Dispose();
    }
}
