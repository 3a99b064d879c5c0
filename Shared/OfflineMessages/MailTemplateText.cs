using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace LibrarianDesk.Shared.OfflineMessages;

/// <summary>A placeholder's value: as plain text, and as HTML already encoded (a quote may be a blockquote).</summary>
public sealed record MailValue(string Text, string Html)
{
    public static MailValue Plain(string? text) => new(MailTemplateText.Normalize(text ?? ""), MailTemplateText.HtmlLines(text ?? ""));
}

/// <summary>One problem with a template (a <see cref="MailTemplateText"/> code and, for a placeholder, its name).</summary>
public sealed record MailTemplateProblem(string Code, string? Placeholder = null);

/// <summary>
/// Checks and fills in mail templates: <c>{Name}</c> is a placeholder; everything else is literal text.
/// The HTML part encodes the literal text and takes each value's own HTML, so nothing a patron typed
/// becomes markup.
/// </summary>
public static partial class MailTemplateText
{
    public const string SubjectRequired = "SubjectRequired";
    public const string SubjectTooLong = "SubjectTooLong";
    public const string SubjectHasLineBreak = "SubjectHasLineBreak";
    public const string BodyRequired = "BodyRequired";
    public const string BodyTooLong = "BodyTooLong";
    public const string UnknownPlaceholder = "UnknownPlaceholder";

    /// <summary>Every problem of a subject and body for <paramref name="kind"/>; empty when the template can be saved.</summary>
    public static IReadOnlyList<MailTemplateProblem> Validate(string kind, string? subject, string? body)
    {
        var allowed = MailTemplateKinds.PlaceholdersOf(kind);
        var problems = new List<MailTemplateProblem>();
        if (string.IsNullOrWhiteSpace(subject))
        {
            problems.Add(new(SubjectRequired));
        }
        else if (subject.Length > MailTemplate.MaxSubjectLength)
        {
            problems.Add(new(SubjectTooLong));
        }

        // A subject is one mail header: a line break in it could start another header (Bcc: ...).
        if (subject is not null && subject.IndexOfAny(['\r', '\n', '\u2028', '\u2029', '\u0085']) >= 0)
        {
            problems.Add(new(SubjectHasLineBreak));
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            problems.Add(new(BodyRequired));
        }
        else if (body.Length > MailTemplate.MaxBodyLength)
        {
            problems.Add(new(BodyTooLong));
        }

        problems.AddRange(PlaceholdersIn((subject ?? "") + "\n" + (body ?? ""))
            .Where(name => !allowed.Contains(name, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Select(name => new MailTemplateProblem(UnknownPlaceholder, name)));
        return problems;
    }

    public static string RenderText(string template, IReadOnlyDictionary<string, MailValue> values) =>
        Render(template, values, literal => literal, value => value.Text);

    public static string RenderHtml(string template, IReadOnlyDictionary<string, MailValue> values) =>
        "<!DOCTYPE html><html><body style=\"font-family:sans-serif\">"
        + Render(template, values, HtmlBreaks, value => value.Html)
        + "</body></html>";

    /// <summary>Text as HTML: encoded, line breaks as &lt;br&gt;.</summary>
    public static string HtmlLines(string text) => HtmlBreaks(Normalize(text));

    /// <summary>Line breaks as "\n", surrounding blank space removed.</summary>
    public static string Normalize(string text) =>
        (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    private static string HtmlBreaks(string text) => string.Join("<br>", text.Split('\n').Select(WebUtility.HtmlEncode));

    private static IEnumerable<string> PlaceholdersIn(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value);

    // A name that is not a placeholder of this mail is left as written (validation refuses it when saving).
    private static string Render(string template, IReadOnlyDictionary<string, MailValue> values, Func<string, string> literal, Func<MailValue, string> value)
    {
        ArgumentNullException.ThrowIfNull(values);
        var text = (template ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var output = new StringBuilder();
        var position = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            output.Append(literal(text[position..match.Index]));
            output.Append(values.TryGetValue(match.Groups[1].Value, out var found) ? value(found) : literal(match.Value));
            position = match.Index + match.Length;
        }

        output.Append(literal(text[position..]));
        return output.ToString();
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
