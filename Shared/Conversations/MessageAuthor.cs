namespace LibrarianDesk.Shared.Conversations;

public enum MessageAuthor
{
    Patron = 0,
    Librarian = 1,

    /// <summary>Written by the desk itself (claimed, transferred, closed), shown to both sides.</summary>
    System = 2,

    /// <summary>An internal note between librarians: never sent to the patron, never in a transcript.</summary>
    Note = 3,
}
