using System.Collections.Concurrent;
using LibrarianDesk.Features.Widget;
using LibrarianDesk.Shared.Contracts;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Hosting;

/// <summary>
/// Browsers do not apply CORS to WebSockets, so the two hubs check <c>Origin</c> themselves on every
/// request under their paths (negotiate and every transport): the patron hub takes the desk's own origin
/// and the sites in <c>Desk:Widget:AllowedOrigins</c>, the staff circuit (<c>/_blazor</c>) only the desk's
/// own. A request without <c>Origin</c> comes from no web page (a .NET client, curl; a browser sends it on
/// every cross-origin request and WebSocket) and passes. The desk's own origin is the request's scheme and
/// host after the forwarded headers.
/// </summary>
internal sealed class HubOriginMiddleware
{
    private const string StaffCircuitPath = "/_blazor";

    // One warning per refused origin, for a bounded number of origins: anyone can send any Origin.
    private const int MaxWarnedOrigins = 100;
    private const int MaxLoggedOriginLength = 200;

    private readonly RequestDelegate next;
    private readonly ILogger<HubOriginMiddleware> logger;
    private readonly HashSet<string> widgetOrigins;
    private readonly ConcurrentDictionary<string, bool> warned = new(StringComparer.Ordinal);

    public HubOriginMiddleware(RequestDelegate next, IOptions<WidgetOptions> widget, ILogger<HubOriginMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(widget);
        this.next = next;
        this.logger = logger;
        widgetOrigins = widget.Value.AllowedOrigins
            .Select(origin => Normalize(origin) ?? throw new InvalidOperationException(
                $"Desk:Widget:AllowedOrigins: '{origin}' is not an origin; write scheme://host[:port], e.g. https://www.library.example."))
            .ToHashSet(StringComparer.Ordinal);
    }

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var patronHub = request.Path.StartsWithSegments(PatronHubContract.Path, StringComparison.OrdinalIgnoreCase);
        if (!patronHub && !request.Path.StartsWithSegments(StaffCircuitPath, StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        var header = request.Headers.Origin;
        if (header.Count == 0)
        {
            return next(context);
        }

        var origin = header.Count == 1 ? Normalize(header[0]) : null;
        var own = Normalize($"{request.Scheme}://{request.Host.Value}");
        if (origin is not null && (origin == own || (patronHub && widgetOrigins.Contains(origin))))
        {
            return next(context);
        }

        WarnOnce(patronHub, header.ToString(), own);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private void WarnOnce(bool patronHub, string origin, string? own)
    {
        var shown = origin.Length > MaxLoggedOriginLength ? origin[..MaxLoggedOriginLength] + "…" : origin;
        if (warned.Count >= MaxWarnedOrigins || !warned.TryAdd((patronHub ? "patron " : "staff ") + shown, true))
        {
            return;
        }

        if (patronHub)
        {
            logger.LogWarning(
                "A page on {Origin} was refused the patron hub: that origin is neither the desk's own nor listed in Desk:Widget:AllowedOrigins. If a library site there embeds the widget, add the origin to that setting.",
                shown);
        }
        else
        {
            logger.LogWarning(
                "Refused the staff desk's connection from {Origin}: the desk sees its own address as {DeskOrigin}. Behind a reverse proxy, list it in Desk:ForwardedHeaders:KnownProxies and forward Host and X-Forwarded-Proto.",
                shown, own);
        }
    }

    /// <summary><c>scheme://host:port</c> in one spelling (lower case, default port written out), or null for anything else.</summary>
    private static string? Normalize(string? origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.UserInfo.Length == 0 && uri.PathAndQuery == "/" && uri.Fragment.Length == 0
                ? $"{uri.Scheme}://{uri.IdnHost}:{uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
                : null;
}
