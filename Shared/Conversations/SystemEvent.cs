namespace LibrarianDesk.Shared.Conversations;

/// <summary>
/// What a desk line (<see cref="MessageAuthor.System"/>) records. The line stores the event and what it
/// names, not a sentence: each side reads it in its own words and language.
/// </summary>
public enum SystemEvent
{
    /// <summary>Not a desk line, or one whose text is shown as it is.</summary>
    None = 0,

    /// <summary>The conversation was handed to another librarian; the text is the new librarian's display name as it was then.</summary>
    Transferred = 1,
}
