using Microsoft.AspNetCore.SignalR;

namespace LibrarianDesk.Realtime;

/// <summary>The language a patron connection chose in <c>Hello</c>: every sentence the desk sends it is in that language.</summary>
public static class PatronLanguage
{
    public const string Indonesian = "id";
    public const string English = "en";
    private const string ItemKey = "patron-language";

    public static string Normalize(string? language) =>
        language is not null && language.StartsWith(English, StringComparison.OrdinalIgnoreCase) ? English : Indonesian;

    public static void Set(HubCallerContext context, string language)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[ItemKey] = Normalize(language);
    }

    public static string Get(HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(ItemKey, out var language) && language is string value ? value : Indonesian;
    }
}
