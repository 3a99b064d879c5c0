using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using LibrarianDesk.Features.Visitors;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LibrarianDesk.Tests.Hosting;

/// <summary>Requests to the staff desk's Blazor circuit.</summary>
internal static class StaffCircuit
{
    public static HttpRequestMessage Negotiate(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        return request;
    }
}

/// <summary>The warnings a desk logs, kept for a test to read.</summary>
public sealed class RecordedWarnings : ILoggerProvider
{
    public ConcurrentQueue<(string Category, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordedWarnings owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.Entries.Enqueue((category, formatter(state, exception)));
            }
        }
    }
}

public sealed class HubOriginTests(HubOriginTests.LibrarySiteDesk app) : IClassFixture<HubOriginTests.LibrarySiteDesk>
{
    public const string LibrarySite = "https://www.library.example";

    /// <summary>A desk that takes chats and lets the library's site embed the widget; its warnings are recorded.</summary>
    public sealed class LibrarySiteDesk : OpenDeskApp
    {
        public RecordedWarnings Warnings { get; } = new();

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:ServiceHours:AlwaysOpen"] = "true",
            ["Desk:Widget:AllowedOrigins:0"] = LibrarySite,
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Warnings));
        }

        public IReadOnlyList<string> OriginWarnings() =>
            Warnings.Entries.Where(e => e.Category.EndsWith("HubOriginMiddleware", StringComparison.Ordinal)).Select(e => e.Message).ToList();
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string OwnOrigin => $"http://{app.BaseAddress.Authority}";

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? origin)
    {
        using var client = app.CreateBrowserClient();
        using var request = new HttpRequestMessage(method, path);
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        return await client.SendAsync(request, Cancel);
    }

    [Theory]
    [InlineData("POST", "/hubs/patron/negotiate?negotiateVersion=1", "https://elsewhere.example")]
    [InlineData("GET", "/hubs/patron?id=some-connection", "https://elsewhere.example")]
    [InlineData("POST", "/hubs/patron?id=some-connection", "https://elsewhere.example")]
    [InlineData("OPTIONS", "/hubs/patron/negotiate?negotiateVersion=1", "https://elsewhere.example")]
    [InlineData("POST", "/hubs/patron/negotiate?negotiateVersion=1", "http://www.library.example")]
    [InlineData("POST", "/hubs/patron/negotiate?negotiateVersion=1", "https://www.library.example:8443")]
    [InlineData("POST", "/hubs/patron/negotiate?negotiateVersion=1", "https://www.library.example.elsewhere.example")]
    [InlineData("POST", "/hubs/patron/negotiate?negotiateVersion=1", "null")]
    [InlineData("POST", "/hubs/patron/negotiate?negotiateVersion=1", "not an origin")]
    [InlineData("POST", "/hubs/patron/negotiate?negotiateVersion=1", "")]
    public async Task Every_request_to_the_patron_hub_from_a_page_on_an_unlisted_origin_is_refused(string method, string path, string origin)
    {
        var response = await SendAsync(new HttpMethod(method), path, origin);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact]
    public async Task A_negotiate_from_the_listed_site_the_desks_own_pages_or_no_page_at_all_is_answered()
    {
        var listed = await SendAsync(HttpMethod.Post, "/hubs/patron/negotiate?negotiateVersion=1", LibrarySite);
        listed.StatusCode.Should().Be(HttpStatusCode.OK);
        listed.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(LibrarySite);

        (await SendAsync(HttpMethod.Post, "/hubs/patron/negotiate?negotiateVersion=1", OwnOrigin)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await SendAsync(HttpMethod.Post, "/hubs/patron/negotiate?negotiateVersion=1", null)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_WebSocket_upgrade_from_an_unlisted_origin_is_refused_before_the_hub_sees_it()
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", "https://elsewhere.example");
        var uri = new UriBuilder(new Uri(app.BaseAddress, PatronHubContract.Path)) { Scheme = "ws" }.Uri;

        var connect = () => socket.ConnectAsync(uri, Cancel);

        await connect.Should().ThrowAsync<WebSocketException>();
        socket.HttpStatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_client_skipping_negotiation_from_an_unlisted_origin_cannot_say_hello()
    {
        var connect = () => HeaderPatron.ConnectAsync(app, new Dictionary<string, string> { ["Origin"] = "https://elsewhere.example" });

        await connect.Should().ThrowAsync<Exception>();
    }

    [Theory]
    [InlineData(LibrarySite)]
    [InlineData(null)]
    public async Task A_WebSocket_from_the_listed_site_or_from_no_page_connects_and_chats(string? origin)
    {
        var headers = origin is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Origin"] = origin };
        await using var patron = await HeaderPatron.ConnectAsync(app, headers);

        var hello = await patron.HelloAsync();
        (await patron.StartAsync(hello.QuestionTypes[0].Id, "Apakah ada koleksi peta Batavia?")).ConversationId.Should().NotBeEmpty();
        app.Service<VisitorDirectory>().Find(patron.VisitorId).Should().NotBeNull();
    }

    [Fact]
    public async Task The_staff_circuit_answers_only_the_desks_own_pages()
    {
        // Signed in: the circuit is staff-only, and the origin is refused even then.
        using var client = await SignIn.NewClientWithRoleAsync(app, DeskRoles.Librarian);
        using var foreign = StaffCircuit.Negotiate("https://elsewhere.example");
        using var widgetSite = StaffCircuit.Negotiate(LibrarySite);
        using var own = StaffCircuit.Negotiate(OwnOrigin);

        (await client.SendAsync(foreign, Cancel)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.SendAsync(widgetSite, Cancel)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the widget's sites may use the patron hub, not the staff desk");
        (await client.SendAsync(own, Cancel)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_refused_origin_is_logged_once_with_the_setting_that_would_allow_it()
    {
        const string origin = "https://branch.library.example";
        for (var i = 0; i < 3; i++)
        {
            (await SendAsync(HttpMethod.Post, "/hubs/patron/negotiate?negotiateVersion=1", origin)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        app.OriginWarnings().Where(w => w.Contains(origin, StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().Contain("Desk:Widget:AllowedOrigins");
    }
}

/// <summary>
/// Anyone can send any Origin: the warnings stay bounded. On a desk of its own, since the bound it fills
/// would silence the warning other tests wait for.
/// </summary>
public sealed class SprayedOriginTests(HubOriginTests.LibrarySiteDesk app) : IClassFixture<HubOriginTests.LibrarySiteDesk>
{
    private async Task<HttpResponseMessage> NegotiateAsync(string origin)
    {
        using var client = app.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/patron/negotiate?negotiateVersion=1");
        request.Headers.TryAddWithoutValidation("Origin", origin);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task However_many_origins_are_refused_the_warnings_stay_bounded()
    {
        for (var i = 0; i < 150; i++)
        {
            await NegotiateAsync($"https://spray-{i}.example");
        }

        app.OriginWarnings().Count.Should().BeLessThanOrEqualTo(100);
        (await NegotiateAsync("https://spray-0.example")).StatusCode
            .Should().Be(HttpStatusCode.Forbidden, "an origin no longer logged is still refused");
    }
}

/// <summary>A setting the desk cannot use stops it at start with a sentence naming the setting.</summary>
public sealed class EdgeSettingsTests
{
    private sealed class MisconfiguredDesk(string key, string value) : DeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { [key] = value };
    }

    [Theory]
    [InlineData("Desk:Widget:AllowedOrigins:0", "www.library.example", "Desk:Widget:AllowedOrigins: 'www.library.example' is not an origin*")]
    [InlineData("Desk:Widget:AllowedOrigins:0", "https://www.library.example/chat", "Desk:Widget:AllowedOrigins: 'https://www.library.example/chat' is not an origin*")]
    [InlineData("Desk:ForwardedHeaders:KnownProxies:0", "proxy.local", "Desk:ForwardedHeaders:KnownProxies: 'proxy.local' is not an IP address.")]
    [InlineData("Desk:ForwardedHeaders:KnownNetworks:0", "10.0.5.0/33", "Desk:ForwardedHeaders:KnownNetworks: '10.0.5.0/33' is not a network*")]
    public async Task A_malformed_origin_or_proxy_stops_the_desk_at_start(string key, string value, string expected)
    {
        await using var desk = new MisconfiguredDesk(key, value);

        var start = () => desk.InitializeAsync().AsTask();

        await start.Should().ThrowAsync<InvalidOperationException>().WithMessage(expected);
    }
}
