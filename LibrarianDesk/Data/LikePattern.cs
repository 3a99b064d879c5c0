namespace LibrarianDesk.Data;

/// <summary>Search text for SQL LIKE: what a person types is matched literally, including % and _.</summary>
public static class LikePattern
{
    public const string Escape = "\\";

    /// <summary>Any text that contains <paramref name="text"/>.</summary>
    public static string Containing(string text) => $"%{Literal(text)}%";

    /// <summary>The text itself and nothing else (for a comparison that ignores case, <see cref="DeskText.Matches"/>).</summary>
    public static string Exactly(string text) => Literal(text);

    private static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text
            .Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal)
            .Replace("_", Escape + "_", StringComparison.Ordinal);
    }
}
