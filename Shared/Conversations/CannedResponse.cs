namespace LibrarianDesk.Shared.Conversations;

/// <summary>
/// A saved reply a librarian inserts by typing <c>/shortcut</c>: a librarian's own, or the team's
/// (written by a supervisor). Each has its text in both languages; the patron's language decides.
/// </summary>
public sealed class CannedResponse
{
    public const int MaxShortcutLength = 32;
    public const int MaxTitleLength = 100;
    public const int MaxTextLength = 2000;

    public int Id { get; set; }

    /// <summary>Letters, digits and dashes, without the slash: <c>jam</c> is inserted by typing <c>/jam</c>.</summary>
    public string Shortcut { get; set; } = "";

    public string Title { get; set; } = "";
    public string TextId { get; set; } = "";
    public string TextEn { get; set; } = "";

    /// <summary>The librarian whose own reply this is; null for the whole team's.</summary>
    public string? OwnerId { get; set; }

    public string TextFor(string languageCode) =>
        languageCode.StartsWith("en", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(TextEn) ? TextEn : TextId;

    public static bool IsValidShortcut(string? shortcut) =>
        !string.IsNullOrEmpty(shortcut) && shortcut.Length <= MaxShortcutLength
        && shortcut.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
