using LibrarianDesk.Features.Scheduling;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Scheduling;

namespace LibrarianDesk.Features.Desk;

/// <summary>
/// Is the desk taking chats now? Open means inside the service hours (or the always-open switch is on)
/// and at least one librarian Online; otherwise patrons get the offline form.
/// </summary>
public sealed class DeskStatusService(ServiceHoursStore serviceHours, PresenceService presence, TimeProvider time)
{
    public async Task<DeskStatus> GetAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var schedule = await serviceHours.GetAsync(cancellationToken);
        var online = await presence.CountOnlineAsync(cancellationToken);
        var closedReason = schedule.AlwaysOpen ? null : schedule.Hours.WhyClosed(now);
        var nextOpening = closedReason is null ? null : schedule.Hours.NextOpening(now);

        var state = (closedReason, online) switch
        {
            (null, > 0) => DeskState.Open,
            (null, _) => DeskState.NoLibrarianOnline,
            _ => DeskState.Closed,
        };
        return new DeskStatus(state, closedReason, nextOpening, online, schedule.AlwaysOpen);
    }
}

public enum DeskState
{
    Open,

    /// <summary>Inside the hours, but nobody is Online to answer.</summary>
    NoLibrarianOnline,

    /// <summary>Outside the hours or on a holiday.</summary>
    Closed,
}

public sealed record DeskStatus(
    DeskState State, ClosedReason? ClosedReason, DateTimeOffset? NextOpening, int LibrariansOnline, bool AlwaysOpen)
{
    public bool IsOpenForChats => State == DeskState.Open;

    /// <summary>The status as the patron API states it.</summary>
    public DeskStatusInfo ToPatronInfo() => new(
        IsOpenForChats,
        State switch
        {
            DeskState.Open => DeskStatusInfo.Open,
            DeskState.NoLibrarianOnline => DeskStatusInfo.NoLibrarian,
            _ => DeskStatusInfo.ClosedState,
        },
        ClosedReason switch
        {
            ClosedReason.Holiday => DeskStatusInfo.Holiday,
            ClosedReason.OutsideHours => DeskStatusInfo.OutsideHours,
            ClosedReason.NoSchedule => DeskStatusInfo.NoSchedule,
            _ => null,
        },
        (ClosedReason as ClosedReason.Holiday)?.Name,
        NextOpening,
        LibrariansOnline);
}
