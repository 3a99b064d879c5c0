namespace LibrarianDesk.Shared.Conversations;

/// <summary>
/// What a patron asks about (the pre-chat drop-down, and the category a librarian closes with).
/// Data an administrator edits, named in both UI languages.
/// </summary>
public sealed class QuestionType
{
    public const int MaxNameLength = 120;

    public int Id { get; set; }
    public string NameId { get; set; } = "";
    public string NameEn { get; set; } = "";
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    public string NameFor(string languageCode) =>
        languageCode.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? NameEn : NameId;
}
