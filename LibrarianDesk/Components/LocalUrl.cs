namespace LibrarianDesk.Components;

/// <summary>Return addresses after sign-in or a language switch must stay on this site.</summary>
public static class LocalUrl
{
    /// <summary>A path on this site: starts with one slash, no scheme or host, no control characters.</summary>
    public static bool IsSafe(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.AsSpan().ContainsAnyInRange('\0', '\x1f');

    public static string OrHome(string? url) => IsSafe(url) ? url! : "/";

    /// <summary>The language switch for the current page.</summary>
    public static string CultureSwitch(string culture, string currentRelativePath) =>
        $"culture/{culture}?returnUrl={Uri.EscapeDataString("/" + currentRelativePath)}";
}
