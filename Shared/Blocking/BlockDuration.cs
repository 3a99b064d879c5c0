namespace LibrarianDesk.Shared.Blocking;

/// <summary>The expiry choices of the block dialog.</summary>
public enum BlockDuration
{
    OneHour,
    OneDay,
    SevenDays,
    Permanent,

    /// <summary>Until a date and time the admin picks.</summary>
    Until,
}
