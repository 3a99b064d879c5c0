namespace LibrarianDesk.Components;

/// <summary>The light/dark choice, kept in a cookie so the first paint is already right.</summary>
public static class ThemePreference
{
    public const string CookieName = "LibrarianDesk.Theme";
    public const string Dark = "dark";
    public const string Light = "light";
}
