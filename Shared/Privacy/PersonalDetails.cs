using System.Text.RegularExpressions;

namespace LibrarianDesk.Shared.Privacy;

/// <summary>
/// What a patron told the desk about themselves (name, email, member number), to be taken out of the texts an
/// anonymised row keeps: a librarian's "Halo Budi", or a patron's "email saya budi@contoh.id". Each is replaced
/// by the neutral label wherever it stands as a whole word, in any case; the name also word by word (from three
/// letters), since a reply names the patron by one of them.
/// </summary>
internal sealed class PersonalDetails
{
    // Shorter parts of a name ("A", "Al") are too often parts of ordinary sentences to be removed everywhere.
    private const int MinNameWordLength = 3;

    private readonly Regex? pattern;

    public PersonalDetails(string? name, string? email, string? memberNumber)
    {
        var whole = new[] { name, email, memberNumber }.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim());
        var nameWords = (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= MinNameWordLength);
        var alternatives = whole.Concat(nameWords)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(v => v.Length)
            .Select(Regex.Escape)
            .ToList();
        pattern = alternatives.Count == 0
            ? null
            : new Regex($@"(?<![\p{{L}}\p{{N}}])(?:{string.Join('|', alternatives)})(?![\p{{L}}\p{{N}}])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>The text with every mention of these details replaced by <paramref name="label"/>.</summary>
    public string Scrub(string text, string label) => pattern is null ? text : pattern.Replace(text, label.Replace("$", "$$", StringComparison.Ordinal));
}
