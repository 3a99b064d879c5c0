using LibrarianDesk.Shared.Members;

namespace LibrarianDesk.Shared.Faq;

/// <summary>
/// How the widget's FAQ search matches: an entry is found when any word of the query starts a word of its
/// question or answer (case and accents ignored, so "jam buka" finds "Jam layanan" and "pinjam" finds
/// "Pinjam"), and entries matching more of the query's words come first. Words shorter than
/// <see cref="MinPrefixLength"/> match whole words only: "di" as a prefix would match nearly every entry.
/// </summary>
public static class FaqSearch
{
    public const int MaxQueryLength = 200;
    public const int MaxWords = 12;
    public const int MaxResults = 8;
    public const int MinPrefixLength = 3;

    /// <summary>The query's distinct words, folded; null when the query is longer than the limits allow.</summary>
    public static IReadOnlyList<string>? WordsOf(string? query)
    {
        var text = (query ?? "").Trim();
        if (text.Length > MaxQueryLength)
        {
            return null;
        }

        var words = Words(text).Distinct(StringComparer.Ordinal).ToList();
        return words.Count > MaxWords ? null : words;
    }

    /// <summary>The entries to show for these words in one language, best match first, then in the supervisors' order.</summary>
    public static IReadOnlyList<FaqEntry> Rank(IEnumerable<FaqEntry> entries, IReadOnlyList<string> queryWords, Func<FaqEntry, string> text)
    {
        var ordered = entries.OrderBy(e => e.SortOrder).ThenBy(e => e.Id);
        if (queryWords.Count == 0)
        {
            return ordered.Take(MaxResults).ToList();
        }

        return ordered
            .Select(entry => (Entry: entry, Matches: Matches(queryWords, Words(text(entry)).ToHashSet(StringComparer.Ordinal))))
            .Where(found => found.Matches > 0)
            .OrderByDescending(found => found.Matches)
            .Take(MaxResults)
            .Select(found => found.Entry)
            .ToList();
    }

    private static int Matches(IReadOnlyList<string> queryWords, HashSet<string> entryWords) =>
        queryWords.Count(word => word.Length < MinPrefixLength
            ? entryWords.Contains(word)
            : entryWords.Any(entryWord => entryWord.StartsWith(word, StringComparison.Ordinal)));

    // Letters and digits make a word; everything else (spaces, punctuation, "–") separates words.
    private static IEnumerable<string> Words(string text)
    {
        var folded = NameKey.For(text);
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            if (i < folded.Length && char.IsLetterOrDigit(folded[i]))
            {
                start = start < 0 ? i : start;
            }
            else if (start >= 0)
            {
                yield return folded[start..i];
                start = -1;
            }
        }
    }
}
