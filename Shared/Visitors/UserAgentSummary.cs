namespace LibrarianDesk.Shared.Visitors;

/// <summary>
/// Browser and operating system from a User-Agent header, by the few markers that tell the common ones
/// apart. Enough for a librarian's glance; not a device database.
/// </summary>
public static class UserAgentSummary
{
    public const string Unknown = "?";

    // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", Android also says "Linux".
    private static readonly (string Marker, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"), ("Firefox/", "Firefox"),
        ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"), ("Chromium/", "Chromium"), ("Chrome/", "Chrome"), ("Safari/", "Safari"),
    ];

    private static readonly (string Marker, string Name)[] Systems =
    [
        ("Windows", "Windows"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("Android", "Android"), ("CrOS", "ChromeOS"),
        ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("Linux", "Linux"),
    ];

    public static string Browser(string? userAgent) => First(userAgent, Browsers);

    public static string OperatingSystem(string? userAgent) => First(userAgent, Systems);

    private static string First(string? userAgent, (string Marker, string Name)[] candidates)
    {
        if (string.IsNullOrEmpty(userAgent))
        {
            return Unknown;
        }

        foreach (var (marker, name) in candidates)
        {
            if (userAgent.Contains(marker, StringComparison.Ordinal))
            {
                return name;
            }
        }

        return Unknown;
    }
}
