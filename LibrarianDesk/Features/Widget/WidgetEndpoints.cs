using System.Globalization;
using LibrarianDesk.Hosting;
using LibrarianDesk.Realtime;
using LibrarianDesk.Resources;
using LibrarianDesk.Shared.Contracts;
using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;

namespace LibrarianDesk.Features.Widget;

public static class WidgetEndpoints
{
    public const string CorsPolicy = "widget";
    private const string StringPrefix = "Widget_";
    private const string ModulesFolder = "widget/modules/";

    public static WebApplicationBuilder AddPatronWidget(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<WidgetOptions>(builder.Configuration.GetSection("Desk:Widget"));
        services.Configure<PatronRateLimitOptions>(builder.Configuration.GetSection("Desk:Patrons:RateLimits"));
        var origins = builder.Configuration.GetSection("Desk:Widget:AllowedOrigins").Get<string[]>() ?? [];
        // Without credentials: the widget sends no cookies, and a library's page never carries a signed-in librarian's.
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(origins)
            .AllowAnyHeader()
            .WithMethods("GET", "POST")));

        var detailedErrors = builder.Environment.IsDevelopment();
        services.AddSignalR(hub =>
            {
                hub.MaximumReceiveMessageSize = 32 * 1024;
                hub.EnableDetailedErrors = detailedErrors;
            })
            .AddHubOptions<PatronHub>(hub => hub.AddFilter<PatronHubFilter>());
        HubExceptionLogging.AddTo(services);
        services.AddSingleton<PatronHubFilter>();
        services.AddSingleton<PatronPush>();
        services.AddSingleton<PatronConnections>();
        services.AddHostedService<PatronDeskStatusBroadcaster>();
        return builder;
    }

    public static WebApplication MapPatronWidget(this WebApplication app)
    {
        // The patron's side is anonymous by design; everything else of the desk falls under the staff policy.
        app.MapHub<PatronHub>(PatronHubContract.Path).RequireCors(CorsPolicy).AllowAnonymous();

        // The embed snippet is <script src="https://desk.example/widget.js">: short and stable.
        app.MapGet("/widget.js", (IWebHostEnvironment environment, HttpContext context) =>
            WebRootFile(environment, context, "widget/widget.js", "text/javascript; charset=utf-8"))
            .AllowAnonymous();
        app.MapGet("/demo", (IWebHostEnvironment environment, HttpContext context) =>
            WebRootFile(environment, context, "demo/index.html", "text/html; charset=utf-8"))
            .WithMetadata(new OwnContentSecurityPolicy(SecurityHeaders.WidgetHostContentSecurityPolicy))
            .AllowAnonymous();

        // The widget's words come from the same resource files as the desk's.
        app.MapGet("/widget/strings/{language}", (string language, IStringLocalizerFactory localizers) =>
            {
                var culture = CultureInfo.GetCultureInfo(PatronLanguage.Normalize(language));
                var previous = CultureInfo.CurrentUICulture;
                CultureInfo.CurrentUICulture = culture;
                try
                {
                    var strings = localizers.Create(typeof(DeskStrings)).GetAllStrings(includeParentCultures: true)
                        .Where(s => s.Name.StartsWith(StringPrefix, StringComparison.Ordinal))
                        .ToDictionary(s => s.Name, s => s.Value);
                    return Results.Json(strings);
                }
                finally
                {
                    CultureInfo.CurrentUICulture = previous;
                }
            })
            .RequireCors(CorsPolicy)
            .AllowAnonymous();
        return app;
    }

    /// <summary>
    /// widget.js loads the widget's ES modules (wwwroot/widget/modules), and a browser fetches a module
    /// script from another origin only with CORS: those static files get the widget's policy, like its
    /// texts and the hub. No other file of the desk becomes readable from another origin.
    /// </summary>
    public static TBuilder AllowWidgetModulesAcrossOrigins<TBuilder>(this TBuilder staticAssets)
        where TBuilder : IEndpointConventionBuilder
    {
        staticAssets.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route }
                && route.TrimStart('/').StartsWith(ModulesFolder, StringComparison.OrdinalIgnoreCase))
            {
                endpoint.Metadata.Add(new EnableCorsAttribute(CorsPolicy));
            }
        });
        return staticAssets;
    }

    private static IResult WebRootFile(IWebHostEnvironment environment, HttpContext context, string path, string contentType)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(path);
        if (!file.Exists)
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Stream(file.CreateReadStream(), contentType, lastModified: file.LastModified);
    }
}
