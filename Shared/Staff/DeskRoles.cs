namespace LibrarianDesk.Shared.Staff;

/// <summary>The roles of the desk. An account may hold several.</summary>
public static class DeskRoles
{
    public const string Librarian = "Librarian";
    public const string Supervisor = "Supervisor";
    public const string ItAdmin = "ItAdmin";

    public static IReadOnlyList<string> All { get; } = [Librarian, Supervisor, ItAdmin];
}
