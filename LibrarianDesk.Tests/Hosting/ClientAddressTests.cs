using System.Net;
using System.Threading.Channels;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.IpBlocks;
using LibrarianDesk.Features.Visitors;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Blocking;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Hosting;

/// <summary>A widget connection over a real WebSocket that sends whatever headers a test gives it (a forged X-Forwarded-For).</summary>
internal sealed class HeaderPatron : IAsyncDisposable
{
    private HeaderPatron(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }

    public Channel<string> Closed { get; } = Channel.CreateUnbounded<string>();

    public string VisitorId { get; } = $"visitor-{Guid.NewGuid():N}";

    public static async Task<HeaderPatron> ConnectAsync(DeskApp app, IReadOnlyDictionary<string, string> headers)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, PatronHubContract.Path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                foreach (var (name, value) in headers)
                {
                    options.Headers[name] = value;
                }
            })
            .Build();
        var patron = new HeaderPatron(connection);
        connection.Closed += error => patron.Closed.Writer.WriteAsync(error?.Message ?? "").AsTask();
        await connection.StartAsync(TestContext.Current.CancellationToken);
        return patron;
    }

    public static Task<HeaderPatron> ForwardedForAsync(DeskApp app, string forwardedFor) =>
        ConnectAsync(app, new Dictionary<string, string> { ["X-Forwarded-For"] = forwardedFor });

    public Task<HelloResponse> HelloAsync() =>
        Connection.InvokeAsync<HelloResponse>(PatronHubContract.Methods.Hello,
            new HelloRequest(VisitorId, "https://library.test/layanan", "Layanan", null, "id"), TestContext.Current.CancellationToken);

    public Task<StartConversationResponse> StartAsync(int questionType, string text) =>
        Connection.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation,
            new StartConversationRequest("Siti Rahma", "siti@contoh.id", null, questionType, text, PatronClient.NewMessageId()),
            TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

/// <summary>No proxy configured (the default): an X-Forwarded-For from anyone is a forgery and changes nothing.</summary>
public sealed class ClientAddressWithoutProxyTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    private const string Forged = "203.0.113.50";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_forged_X_Forwarded_For_is_not_the_address_stored_for_the_conversation_nor_shown_for_the_visitor()
    {
        await using var patron = await HeaderPatron.ForwardedForAsync(app, Forged);
        var hello = await patron.HelloAsync();
        var started = await patron.StartAsync(hello.QuestionTypes[0].Id, "Apakah ada koleksi peta Batavia?");

        await using var db = app.CreateDbContext();
        (await db.Conversations.SingleAsync(c => c.Id == started.ConversationId, Cancel)).PatronIpAddress.Should().Be("127.0.0.0/24", "the peer's network, truncated by the default IP address policy");
        app.Service<VisitorDirectory>().Find(patron.VisitorId)!.IpAddress.Should().Be("127.0.0.0/24");
    }

    [Fact]
    public async Task A_block_on_the_real_address_holds_against_a_forged_X_Forwarded_For()
    {
        var blocks = app.Service<IpBlockService>();
        var block = (await blocks.AddAsync(new AuditActor(null, "IT"),
            new IpBlockDraft("127.0.0.1", "the tests' own peer", BlockDuration.OneHour, Confirmed: true), null)).Block!;
        try
        {
            await using var patron = await HeaderPatron.ForwardedForAsync(app, Forged);
            (await PatronClient.NextAsync(patron.Closed)).Should().Contain("blocked: ");

            using var client = app.CreateBrowserClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/widget/strings/id");
            request.Headers.Add("X-Forwarded-For", Forged);
            (await client.SendAsync(request, Cancel)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }
        finally
        {
            await blocks.RemoveAsync(new AuditActor(null, "IT"), block.Id);
        }
    }

    [Fact]
    public async Task A_failed_sign_in_is_audited_with_the_real_address()
    {
        const string email = "forged.sign-in@test.local";
        using var client = app.CreateBrowserClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", Forged);

        await SignIn.PostAsync(client, email, "wrong-password");

        await using var db = app.CreateDbContext();
        (await db.AuditEntries.SingleAsync(a => a.Action == AuditActions.SignInFailed && a.Target == email, Cancel))
            .Details.Should().Be("IP 127.0.0.1");
    }

    [Fact]
    public async Task A_forged_X_Forwarded_Proto_does_not_make_an_https_page_the_desks_own()
    {
        using var client = app.CreateBrowserClient();
        using var request = StaffCircuit.Negotiate($"https://{app.BaseAddress.Authority}");
        request.Headers.Add("X-Forwarded-Proto", "https");

        (await client.SendAsync(request, Cancel)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}

/// <summary>Flood control with low limits and no proxy: its automatic block lands on the real address.</summary>
public sealed class ClientAddressFloodTests(ClientAddressFloodTests.GuardedDesk app) : IClassFixture<ClientAddressFloodTests.GuardedDesk>
{
    public sealed class GuardedDesk : OpenDeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:ServiceHours:AlwaysOpen"] = "true",
            ["Desk:FloodControl:Enabled"] = "true",
            ["Desk:FloodControl:MaxConversations"] = "2",
        };
    }

    [Fact]
    public async Task A_flood_behind_a_forged_X_Forwarded_For_blocks_the_real_address_not_an_innocent_one()
    {
        const string innocent = "198.51.100.77";
        await using var patron = await HeaderPatron.ForwardedForAsync(app, innocent);
        var hello = await patron.HelloAsync();
        await patron.StartAsync(hello.QuestionTypes[0].Id, "Satu");
        await patron.StartAsync(hello.QuestionTypes[0].Id, "Dua");

        var third = () => patron.StartAsync(hello.QuestionTypes[0].Id, "Tiga");
        await third.Should().ThrowAsync<Exception>();

        await using var db = app.CreateDbContext();
        var ranges = await db.IpBlocks.Select(b => b.Range).ToListAsync(TestContext.Current.CancellationToken);
        ranges.Should().Equal("127.0.0.1");
    }
}

/// <summary>The proxy on 127.0.0.1 is listed: what it forwards is the client's address and scheme.</summary>
public sealed class ClientAddressBehindProxyTests(ClientAddressBehindProxyTests.DeskBehindProxy app) : IClassFixture<ClientAddressBehindProxyTests.DeskBehindProxy>
{
    public sealed class DeskBehindProxy : OpenDeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:ServiceHours:AlwaysOpen"] = "true",
            ["Desk:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        };
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("203.0.113.50", "203.0.113.0/24")]
    [InlineData("::ffff:192.0.2.44", "192.0.2.0/24")]
    public async Task The_forwarded_address_is_stored_for_the_conversation_and_shown_for_the_visitor(string forwarded, string stored)
    {
        await using var patron = await HeaderPatron.ForwardedForAsync(app, forwarded);
        var hello = await patron.HelloAsync();
        var started = await patron.StartAsync(hello.QuestionTypes[0].Id, "Apakah ada koleksi peta Batavia?");

        await using var db = app.CreateDbContext();
        (await db.Conversations.SingleAsync(c => c.Id == started.ConversationId, Cancel)).PatronIpAddress.Should().Be(stored);
        app.Service<VisitorDirectory>().Find(patron.VisitorId)!.IpAddress.Should().Be(stored);
    }

    [Fact]
    public async Task A_block_matches_the_forwarded_address_and_spares_the_proxys_other_clients()
    {
        var blocks = app.Service<IpBlockService>();
        var block = (await blocks.AddAsync(new AuditActor(null, "IT"), new IpBlockDraft("192.0.2.0/24", "spam", BlockDuration.OneHour), null)).Block!;
        try
        {
            await using var blocked = await HeaderPatron.ForwardedForAsync(app, "192.0.2.9");
            (await PatronClient.NextAsync(blocked.Closed)).Should().Contain("blocked: ");

            await using var other = await HeaderPatron.ForwardedForAsync(app, "198.51.100.3");
            (await other.HelloAsync()).Status.Should().NotBeNull();
        }
        finally
        {
            await blocks.RemoveAsync(new AuditActor(null, "IT"), block.Id);
        }
    }

    [Fact]
    public async Task The_forwarded_scheme_makes_the_https_page_the_desks_own()
    {
        // Signed in: the circuit is staff-only.
        using var client = await SignIn.NewClientWithRoleAsync(app, DeskRoles.Librarian);
        using var request = StaffCircuit.Negotiate($"https://{app.BaseAddress.Authority}");
        request.Headers.Add("X-Forwarded-Proto", "https");

        (await client.SendAsync(request, Cancel)).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
