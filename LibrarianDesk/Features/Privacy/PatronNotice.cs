using LibrarianDesk.Shared.Contracts;

namespace LibrarianDesk.Features.Privacy;

/// <summary>
/// What the widget's forms tell patrons: a link to the library's privacy notice, a short text in each language,
/// and whether librarians see a message while it is being typed (<see cref="TypingPreviews"/>, on by default as
/// before the setting existed).
/// </summary>
public sealed record PatronNotice(string? Link, string? TextIndonesian, string? TextEnglish, bool TypingPreviews)
{
    public const int MaxLinkLength = 2000;

    // Short: the text sits above a form in a small widget; the link carries the full notice.
    public const int MaxTextLength = 500;

    public static PatronNotice Default { get; } = new(null, null, null, TypingPreviews: true);

    /// <summary>The notice as saved: blanks become none, surrounding spaces go.</summary>
    public PatronNotice Trimmed() => new(Blank(Link), Blank(TextIndonesian), Blank(TextEnglish), TypingPreviews);

    /// <summary>The resource keys of what is wrong with the (trimmed) notice; none when it may be saved.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Link is not null && !IsHttpsLink(Link))
        {
            problems.Add(PatronNoticeErrors.LinkInvalid);
        }

        if (TextIndonesian?.Length > MaxTextLength)
        {
            problems.Add(PatronNoticeErrors.TextIndonesianTooLong);
        }

        if (TextEnglish?.Length > MaxTextLength)
        {
            problems.Add(PatronNoticeErrors.TextEnglishTooLong);
        }

        return problems;
    }

    /// <summary>
    /// What a patron speaking <paramref name="language"/> (<c>id</c> or <c>en</c>) is shown: the text in their
    /// language, else the other one (a notice in the other language beats none).
    /// </summary>
    public PatronPrivacyNotice ForPatron(string language)
    {
        var (own, other) = language == "en" ? (TextEnglish, TextIndonesian) : (TextIndonesian, TextEnglish);
        return new PatronPrivacyNotice(own ?? other, Link, TypingPreviews);
    }

    // Absolute https only: the widget opens it on the library's own site, where http or javascript: has no place.
    private static bool IsHttpsLink(string link) =>
        link.Length <= MaxLinkLength
        && !link.Any(char.IsWhiteSpace)
        && Uri.TryCreate(link, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && !string.IsNullOrEmpty(uri.Host)
        && string.IsNullOrEmpty(uri.UserInfo);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The resource keys <see cref="PatronNotice.Problems"/> answers.</summary>
public static class PatronNoticeErrors
{
    public const string LinkInvalid = "PatronNotice_Error_Link";
    public const string TextIndonesianTooLong = "PatronNotice_Error_TextIdTooLong";
    public const string TextEnglishTooLong = "PatronNotice_Error_TextEnTooLong";
}
