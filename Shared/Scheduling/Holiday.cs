namespace LibrarianDesk.Shared.Scheduling;

/// <summary>A WIB calendar day on which the desk is closed all day, whatever the weekly schedule says.</summary>
public sealed class Holiday
{
    public const int MaxNameLength = 120;

    public int Id { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>The official Indonesian name, shown to patrons as the reason the desk is closed.</summary>
    public string Name { get; set; } = "";

    public HolidayKind Kind { get; set; }
}
