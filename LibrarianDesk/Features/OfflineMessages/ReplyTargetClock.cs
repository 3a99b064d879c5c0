using LibrarianDesk.Features.Scheduling;
using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Shared.Scheduling;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.OfflineMessages;

/// <summary>
/// The reply target as configured, on the desk's current weekly schedule and holidays. The always-open
/// switch does not change it: the target is a promise in working days, not in hours someone happened to be online.
/// </summary>
public sealed class ReplyTargetClock(ServiceHoursStore serviceHours, IOptionsMonitor<OfflineInboxOptions> options, TimeProvider time)
{
    private (Schedule Schedule, ServiceHoursClock Clock)? cached;

    public async Task<ReplyTarget> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var schedule = await serviceHours.GetAsync(cancellationToken);
        var known = cached;
        if (known is not { } pair || !ReferenceEquals(pair.Schedule, schedule))
        {
            known = (schedule, new ServiceHoursClock(schedule.Week, schedule.Holidays));
            cached = known;
        }

        return new ReplyTarget(known.Value.Clock, options.CurrentValue.ReplyTarget, time.GetUtcNow());
    }
}
