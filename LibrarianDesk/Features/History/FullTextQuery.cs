using System.Globalization;
using System.Text;

namespace LibrarianDesk.Features.History;

/// <summary>
/// Turns what a librarian typed into a full-text query that cannot be a syntax error, for either engine:
/// an FTS5 MATCH expression (<see cref="From"/>) or a PostgreSQL tsquery (<see cref="TsQueryFrom"/>). The
/// words are taken out of the text and each is quoted, so quotes, brackets and AND / OR / NEAR (or
/// tsquery's &amp; | ! : * ( )) are searched as plain words. Every word must occur, and each of three
/// letters or more also matches as a prefix ("pustaka" finds "pustakawan"); a shorter prefix would
/// match nearly every message.
/// </summary>
public static class FullTextQuery
{
    public const int MinPrefixLength = 3;

    /// <summary>The FTS5 expression; null when the text holds no word at all (empty, or only punctuation).</summary>
    public static string? From(string? text) =>
        Join(text, w => "\"" + w + (w.Length >= MinPrefixLength ? "\"*" : "\""), " ");

    /// <summary>
    /// The tsquery text for <c>to_tsquery</c> (every word a quoted lexeme, a prefix from three letters, all
    /// ANDed); null when the text holds no word at all. Still passed as a parameter, never written into SQL.
    /// </summary>
    public static string? TsQueryFrom(string? text) =>
        Join(text, w => "'" + w + (w.Length >= MinPrefixLength ? "':*" : "'"), " & ");

    private static string? Join(string? text, Func<string, string> term, string separator)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var terms = Words(text).Select(term).ToList();
        return terms.Count == 0 ? null : string.Join(separator, terms);
    }

    // The same split as the unicode61 tokenizer: letters, digits and combining marks make a word,
    // everything else separates words. A word therefore never holds a quote or an operator of either syntax.
    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (IsWordCharacter(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static bool IsWordCharacter(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c)
            is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
