namespace LibrarianDesk.Shared.Conversations;

public enum MessageAuthor
{
    Patron = 0,
    Librarian = 1,

    /// <summary>Written by the desk itself (see <see cref="SystemEvent"/>), shown to both sides, each in its own words.</summary>
    System = 2,

    /// <summary>An internal note: the team's (every librarian and supervisor sees it), never the patron's.</summary>
    Note = 3,
}
