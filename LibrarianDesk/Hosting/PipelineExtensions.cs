using LibrarianDesk.Components;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.History;
using LibrarianDesk.Features.Analytics;
using LibrarianDesk.Features.IpBlocks;
using LibrarianDesk.Features.Members;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Features.Scheduling;
using LibrarianDesk.Features.Widget;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.Data.Sqlite;

namespace LibrarianDesk.Hosting;

public static class PipelineExtensions
{
    public static WebApplication UseDeskPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();

        // First after the forwarded headers: every later answer (refusals, status pages, errors) carries them.
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        // Before the status pages: a refused origin gets a bare 403 and nothing else runs.
        app.UseMiddleware<HubOriginMiddleware>();

        // 403 and 404 answered with the desk's own page, keeping the status code. Only for page loads: a refused
        // POST re-executed as a POST to the status page would answer 400 (no form) instead of its own status.
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }

            return next(context);
        });
        app.UseRequestLocalization();
        app.UseCors();
        app.UseMiddleware<Features.IpBlocks.IpBlockMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        // A clean stop: SQLite's pooled connections are closed so the WAL is checkpointed into the file.
        app.Lifetime.ApplicationStopped.Register(SqliteConnection.ClearAllPools);
        return app;
    }

    public static WebApplication MapDeskEndpoints(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous().AllowWidgetModulesAcrossOrigins();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode()
            .Add(endpoint =>
            {
                // Blazor's redirect after an enhanced form post (such as signing in) must reach a browser that is not signed in yet.
                if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: "/_framework/opaque-redirect" })
                {
                    endpoint.Metadata.Add(new AllowAnonymousAttribute());
                }
            });
        app.MapHealthChecks("/healthz", new HealthCheckOptions { AllowCachingResponses = false }).AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapServiceHoursEndpoints();
        app.MapIpBlockEndpoints();
        app.MapMemberEndpoints();
        app.MapHistoryEndpoints();
        app.MapDataRequestEndpoints();
        app.MapAnalyticsEndpoints();
        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            if (UserInterfaceServiceCollectionExtensions.SupportedCultures.All(c => c.Name != culture))
            {
                return Results.BadRequest();
            }

            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(LocalUrl.OrHome(returnUrl));
        }).AllowAnonymous();
        return app;
    }
}
