namespace LibrarianDesk.Features.Widget;

/// <summary>Section <c>Desk:Widget</c>.</summary>
public sealed class WidgetOptions
{
    /// <summary>
    /// The library websites allowed to embed the widget (scheme, host and port, e.g.
    /// <c>https://www.perpusnas.go.id</c>). The desk's own pages (the demo) always may.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}
