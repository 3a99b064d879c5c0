using LibrarianDesk.Shared.Contracts;
using Microsoft.AspNetCore.CookiePolicy;

namespace LibrarianDesk.Hosting;

/// <summary>
/// The headers that keep the desk's own pages from being turned against the staff who open them, on
/// every response (refusals, status pages and errors included: they are written just before the
/// response starts). The patron widget's files and hub run inside a library's page, under that page's
/// policy, so they get only <c>nosniff</c> and the CORS headers of their endpoints.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The desk's content security policy. Blazor Server needs no eval and every script is a file of
    /// the desk's own (App.razor renders no inline script, and no import map); MudBlazor sets inline
    /// styles and draws icons as data: SVGs. <c>connect-src 'self'</c> covers the circuit's same-origin
    /// WebSocket (CSP Level 3; Chromium, Firefox and Safari all match ws/wss against 'self'). It replaces
    /// the bare <c>frame-ancestors 'self'</c> Blazor sets on interactive pages: written last, it wins.
    /// </summary>
    public const string DeskContentSecurityPolicy =
        "default-src 'self'; " +
        "script-src 'self'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self'; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        // No page of the desk is shown in a frame, not even its own: clickjacking a supervisor's export is not possible.
        "frame-ancestors 'none'; " +
        // An injected <base> or a form pointed elsewhere cannot send staff (or their passwords) off the desk.
        "base-uri 'self'; " +
        "form-action 'self'";

    /// <summary>
    /// Powerful browser features the desk never uses, refused for it and anything it embeds. The ring
    /// plays audio (no permission needed) and desktop notifications are not a policy-controlled feature.
    /// </summary>
    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), " +
        "magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=()";

    /// <summary>Adds the headers to every response and marks every cookie <c>Secure</c> when the request is HTTPS.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // HTTPS as the request arrived, or as X-Forwarded-Proto from a listed proxy says (ForwardedHeadersSetup).
        // Covers every cookie the desk sets (sign-in, two-factor, antiforgery, culture), whatever its own default.
        app.UseCookiePolicy(new CookiePolicyOptions { Secure = CookieSecurePolicy.SameAsRequest });

        return app.Use((context, next) =>
        {
            var widget = IsWidget(context.Request.Path);
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;

                // Every response: a browser runs or renders a file only as the type the desk says it is.
                headers.XContentTypeOptions = "nosniff";
                if (context.GetEndpoint()?.Metadata.GetMetadata<OwnContentSecurityPolicy>() is { } own)
                {
                    headers.ContentSecurityPolicy = own.Policy;
                }
                else if (!widget)
                {
                    headers.ContentSecurityPolicy = DeskContentSecurityPolicy;
                }

                if (!widget)
                {
                    // Conversation and member links stay inside the desk; other sites learn only the origin, over HTTPS.
                    headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                    headers["Permissions-Policy"] = PermissionsPolicy;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    /// <summary>The widget's script and its modules, style sheet, vendor files and texts, and the patron hub: loaded by a library's page.</summary>
    public static bool IsWidget(PathString path) =>
        path.Equals("/widget.js", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/widget", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(PatronHubContract.Path, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Endpoint metadata: this endpoint's responses carry <see cref="Policy"/> instead of the desk's (a served file's sandbox).</summary>
public sealed record OwnContentSecurityPolicy(string Policy);
