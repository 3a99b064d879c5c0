using System.Net;
using System.Net.Http.Json;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Features.Widget;

public sealed class WidgetEndpointTests(WidgetEndpointTests.LibrarySiteDesk app) : IClassFixture<WidgetEndpointTests.LibrarySiteDesk>
{
    public const string LibrarySite = "https://www.library.example";

    public sealed class LibrarySiteDesk : DeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:Widget:AllowedOrigins:0"] = LibrarySite,
        };
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_embed_script_and_the_demo_page_are_served_anonymously()
    {
        using var client = app.CreateBrowserClient();

        var script = await client.GetAsync("/widget.js", Cancel);
        script.StatusCode.Should().Be(HttpStatusCode.OK);
        script.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");

        var demo = await client.GetStringAsync("/demo", Cancel);
        demo.Should().Contain("<script async src=\"/widget.js\" data-lang=\"id\"></script>");
    }

    [Fact]
    public async Task The_widgets_words_come_from_the_resource_files_in_each_language()
    {
        using var client = app.CreateBrowserClient();
        var indonesian = await client.GetFromJsonAsync<Dictionary<string, string>>("/widget/strings/id", Cancel);
        var english = await client.GetFromJsonAsync<Dictionary<string, string>>("/widget/strings/en", Cancel);

        indonesian!.Keys.Should().NotBeEmpty().And.OnlyContain(k => k.StartsWith("Widget_", StringComparison.Ordinal));
        english!.Keys.Should().BeEquivalentTo(indonesian.Keys);
        indonesian.Values.Should().Contain("Percakapan Baru");
        english.Values.Should().Contain("New conversation");
    }

    [Fact]
    public async Task Only_a_listed_library_site_may_use_the_patron_API_from_its_pages()
    {
        using var client = app.CreateBrowserClient();

        var allowed = await PreflightAsync(client, LibrarySite);
        allowed.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(LibrarySite);
        allowed.Headers.Contains("Access-Control-Allow-Credentials").Should().BeFalse("the widget sends no cookies");

        var other = await PreflightAsync(client, "https://elsewhere.example");
        other.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact]
    public async Task A_listed_library_site_may_load_the_widgets_modules_and_no_other_file_of_the_desk()
    {
        using var client = app.CreateBrowserClient();
        var files = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/'))
            .Distinct()
            .ToList();
        var modules = files.Where(f => f.StartsWith("/widget/modules/", StringComparison.Ordinal)).ToList();
        modules.Should().Contain("/widget/modules/boot.mjs", "widget.js starts the widget with it");

        var readable = new List<string>();
        foreach (var file in files)
        {
            using var response = await GetFromAsync(client, file, LibrarySite);
            if (response.Headers.Contains("Access-Control-Allow-Origin"))
            {
                readable.Add(file);
            }
        }

        readable.Should().BeEquivalentTo(modules, "a module script from another origin loads only with CORS, and nothing else needs it");
        using var boot = await GetFromAsync(client, "/widget/modules/boot.mjs", LibrarySite);
        boot.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(LibrarySite);
        boot.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        using var elsewhere = await GetFromAsync(client, "/widget/modules/boot.mjs", "https://elsewhere.example");
        elsewhere.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    private static Task<HttpResponseMessage> GetFromAsync(HttpClient client, string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", origin);
        return client.SendAsync(request, Cancel);
    }

    private static Task<HttpResponseMessage> PreflightAsync(HttpClient client, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/hubs/patron/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "x-requested-with,x-signalr-user-agent");
        return client.SendAsync(request, Cancel);
    }
}
