namespace LibrarianDesk.Shared.Visitors;

public enum GreetingTriggerKind
{
    /// <summary>The visitor stays <see cref="GreetingTrigger.DwellSeconds"/> on a page whose address or title contains the pattern.</summary>
    PageDwell,

    /// <summary>The visitor arrived from a page whose address contains the pattern.</summary>
    Referrer,
}

/// <summary>
/// A greeting the desk sends by itself, in the visitor's language. Matching is a case-insensitive
/// "contains" (librarians type part of an address or title, not a pattern language).
/// </summary>
public sealed class GreetingTrigger
{
    public const int MaxNameLength = 100;
    public const int MaxPatternLength = 300;
    public const int MaxTextLength = 500;
    public const int MaxDwellSeconds = 3600;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public GreetingTriggerKind Kind { get; set; }
    public string Pattern { get; set; } = "";
    public int DwellSeconds { get; set; }
    public string TextId { get; set; } = "";
    public string TextEn { get; set; } = "";
    public bool IsEnabled { get; set; } = true;

    /// <summary>How many greetings this trigger sent.</summary>
    public int FiredCount { get; set; }

    /// <summary>How many of them the visitor answered (a conversation started).</summary>
    public int ConversationCount { get; set; }

    public string TextFor(string language) =>
        language.StartsWith("en", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(TextEn) ? TextEn : TextId;

    /// <summary>Whether a visitor on <paramref name="page"/> since <paramref name="pageSince"/>, come from <paramref name="referrer"/>, is due this greeting at <paramref name="now"/>.</summary>
    public bool IsDue(string? pageUrl, string? pageTitle, DateTimeOffset pageSince, string? referrer, DateTimeOffset now) => Kind switch
    {
        GreetingTriggerKind.PageDwell => now - pageSince >= TimeSpan.FromSeconds(DwellSeconds) && (Contains(pageUrl) || Contains(pageTitle)),
        GreetingTriggerKind.Referrer => Contains(referrer),
        _ => false,
    };

    /// <summary>The problems of this trigger as resource keys; empty when it can be saved.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > MaxNameLength)
        {
            problems.Add("Visitors_TriggerBadName");
        }

        if (string.IsNullOrWhiteSpace(Pattern) || Pattern.Length > MaxPatternLength)
        {
            problems.Add("Visitors_TriggerBadPattern");
        }

        if (Kind == GreetingTriggerKind.PageDwell && DwellSeconds is < 1 or > MaxDwellSeconds)
        {
            problems.Add("Visitors_TriggerBadDwell");
        }

        if (string.IsNullOrWhiteSpace(TextId) || TextId.Length > MaxTextLength || TextEn.Length > MaxTextLength)
        {
            problems.Add("Visitors_TriggerBadText");
        }

        return problems;
    }

    private bool Contains(string? value) =>
        !string.IsNullOrEmpty(value) && !string.IsNullOrWhiteSpace(Pattern) && value.Contains(Pattern.Trim(), StringComparison.OrdinalIgnoreCase);
}
