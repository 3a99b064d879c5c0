using MudBlazor;

namespace LibrarianDesk.Components.Layout;

/// <summary>A calm library green; system fonts only, since many library networks cannot reach font CDNs.</summary>
public static class DeskTheme
{
    private static readonly string[] SystemFonts =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Noto Sans", "Ubuntu", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f7a4d",
            Secondary = "#8a5a14",
            AppbarBackground = "#1f7a4d",
            Background = "#f6f8f6",
            DrawerBackground = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#5cc48d",
            Secondary = "#e0a85a",
            AppbarBackground = "#173d2a",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SystemFonts },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "240px" },
    };
}
