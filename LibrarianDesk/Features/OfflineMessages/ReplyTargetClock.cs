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
    public async Task<ReplyTarget> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var schedule = await serviceHours.GetAsync(cancellationToken);
        return new ReplyTarget(new ServiceHoursClock(schedule.Hours), options.CurrentValue.ReplyTarget, time.GetUtcNow());
    }
}
