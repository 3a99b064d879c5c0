using LibrarianDesk.Features.Desk;

namespace LibrarianDesk.Features.Visitors;

/// <summary>
/// Sends the automatic greetings that are due (<see cref="VisitorClock"/> asks every second): only while
/// the desk takes chats, each trigger at most once per visit, nobody greeted within the cool-down.
/// </summary>
public sealed class GreetingTriggerEvaluator(
    VisitorService visitors, GreetingTriggerStore triggers, GreetingService greetings, DeskStatusService deskStatus, TimeProvider time)
    : IDisposable
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

    public void Dispose() => gate.Dispose();
}
