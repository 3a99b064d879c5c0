namespace LibrarianDesk.Shared.Scheduling;

/// <summary>Why the desk is closed at an instant, for the patron-facing "we are closed" notice.</summary>
public abstract record ClosedReason
{
    /// <summary>The schedule has no opening ranges at all, so the desk never opens.</summary>
    public sealed record NoSchedule : ClosedReason;

    /// <summary>The whole WIB day is a holiday or cuti bersama.</summary>
    public sealed record Holiday(string Name, HolidayKind Kind) : ClosedReason;

    /// <summary>An ordinary day, but outside every opening range.</summary>
    public sealed record OutsideHours : ClosedReason;
}
