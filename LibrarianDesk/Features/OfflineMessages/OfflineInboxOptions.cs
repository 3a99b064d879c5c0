namespace LibrarianDesk.Features.OfflineMessages;

/// <summary>Section <c>Desk:OfflineMessages</c>.</summary>
public sealed class OfflineInboxOptions
{
    /// <summary>
    /// The reply target in working hours: time the desk is open by its weekly schedule, so nights,
    /// closed days and holidays do not count (Perpusnas answers within 1×24 hours on working days).
    /// </summary>
    public double ReplyTargetWorkingHours { get; set; } = 24;

    public TimeSpan ReplyTarget => TimeSpan.FromHours(Math.Max(0, ReplyTargetWorkingHours));
}
