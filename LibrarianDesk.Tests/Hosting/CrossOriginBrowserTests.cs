using LibrarianDesk.Features.Visitors;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Hosting;

/// <summary>
/// Real Chromium pages on other origins (served by Playwright's routing) that load the desk's SignalR
/// client and go straight to a WebSocket, where CORS does not apply.
/// </summary>
public sealed class CrossOriginBrowserTests(CrossOriginBrowserTests.LibrarySiteDesk app, Chromium chromium)
    : IClassFixture<CrossOriginBrowserTests.LibrarySiteDesk>, IClassFixture<Chromium>
{
    public const string LibrarySite = "https://library.test";

    public sealed class LibrarySiteDesk : OpenDeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:ServiceHours:AlwaysOpen"] = "true",
            ["Desk:Widget:AllowedOrigins:0"] = LibrarySite,
        };
    }

    // Connects, says hello and starts a conversation; answers what happened.
    private const string TryToChat = """
        async ({ desk, visitorId }) => {
          const connection = new signalR.HubConnectionBuilder()
            .withUrl(desk + '/hubs/patron', { skipNegotiation: true, transport: signalR.HttpTransportType.WebSockets })
            .build();
          try {
            await connection.start();
            const hello = await connection.invoke('Hello', { visitorId, pageUrl: location.href, pageTitle: 'Beranda', referrer: null, language: 'id' });
            const started = await connection.invoke('StartConversation', { name: 'Siti', email: 'siti@contoh.id', memberNumber: null,
              questionTypeId: hello.questionTypes[0].id, text: 'Halo', clientMessageId: visitorId + '-first' });
            await connection.stop();
            return 'chatted ' + started.conversationId;
          } catch (e) {
            return 'failed: ' + e;
          }
        }
        """;

    private async Task<string> ChatFromAsync(string site, string visitorId)
    {
        var page = await chromium.NewPageAsync(app.BaseAddress);

        // Chromium's Local Network Access stops a page on the internet (as a routed page counts) from reaching
        // the loopback address unless allowed; a real desk is on the network, so the test allows it.
        await page.Context.GrantPermissionsAsync(["local-network-access"]);
        var desk = app.BaseAddress.GetLeftPart(UriPartial.Authority);
        await page.RouteAsync(site + "/**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html; charset=utf-8",
            Body = $"""<!DOCTYPE html><html><head><title>Beranda</title><script src="{desk}/widget/vendor/signalr.min.js"></script></head><body>Perpustakaan</body></html>""",
        }));
        await page.GotoAsync(site + "/");
        return await page.EvaluateAsync<string>(TryToChat, new { desk, visitorId });
    }

    [Fact]
    public async Task A_page_on_an_unlisted_origin_cannot_chat_over_a_WebSocket_while_the_listed_site_can()
    {
        var listed = await ChatFromAsync(LibrarySite, "visitor-listed");
        listed.Should().StartWith("chatted ", "the same page on the listed site is the control");

        var refused = await ChatFromAsync("https://elsewhere.test", "visitor-elsewhere");
        refused.Should().StartWith("failed: ");
        app.Service<VisitorDirectory>().Find("visitor-elsewhere").Should().BeNull();
    }
}
