namespace LibrarianDesk.Data;

/// <summary>Search text for SQL LIKE: what a person types is matched literally, including % and _.</summary>
public static class LikePattern
{
    public const string Escape = "\\";

    public static string Containing(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = text
            .Replace(Escape, Escape + Escape, StringComparison.Ordinal)
            .Replace("%", Escape + "%", StringComparison.Ordinal)
            .Replace("_", Escape + "_", StringComparison.Ordinal);
        return $"%{escaped}%";
    }
}
