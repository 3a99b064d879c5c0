using System.Globalization;
using System.Text;

namespace LibrarianDesk.Features.History;

/// <summary>
/// Turns what a librarian typed into an FTS5 MATCH expression that cannot be a syntax error: the
/// words are taken out of the text and each is quoted, so quotes, brackets and AND / OR / NEAR are
/// searched as plain words. Every word must occur, and each of three letters or more also matches
/// as a prefix ("pustaka" finds "pustakawan"); a shorter prefix would match nearly every message.
/// </summary>
public static class FullTextQuery
{
    public const int MinPrefixLength = 3;

    /// <summary>Null when the text holds no word at all (empty, or only punctuation).</summary>
    public static string? From(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var terms = Words(text).Select(w => "\"" + w + (w.Length >= MinPrefixLength ? "\"*" : "\"")).ToList();
        return terms.Count == 0 ? null : string.Join(' ', terms);
    }

    // The same split as the unicode61 tokenizer: letters, digits and combining marks make a word,
    // everything else separates words. A word therefore never holds a double quote.
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
