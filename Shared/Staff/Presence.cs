namespace LibrarianDesk.Shared.Staff;

/// <summary>A librarian's availability. Only Online librarians are rung and count as staffing the desk.</summary>
public enum Presence
{
    Offline = 0,
    Online = 1,
    Away = 2,
}
