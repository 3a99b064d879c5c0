using System.Net;
using System.Threading.Channels;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.IpBlocks;
using LibrarianDesk.Shared.Blocking;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.IpBlocks;

/// <summary>A desk behind a proxy on 127.0.0.1 (the tests' own peer), on a clock the tests move.</summary>
public sealed class IpBlockEnforcementTests(IpBlockEnforcementTests.DeskBehindProxy app) : IClassFixture<IpBlockEnforcementTests.DeskBehindProxy>
{
    public sealed class DeskBehindProxy : OpenDeskApp
    {
        public AdjustableClock Clock { get; } = new(Wib.At(new DateOnly(2026, 12, 2), new TimeOnly(10, 0)));

        protected override TimeProvider Time => Clock;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:ServiceHours:AlwaysOpen"] = "true",
            ["Desk:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        };

    }

    private static readonly AuditActor ItAdmin = new(null, "IT admin in a test");

    private IpBlockService Blocks => app.Service<IpBlockService>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A patron whose requests the proxy forwards for <paramref name="address"/>.</summary>
    private async Task<(HubConnection Connection, Channel<string> Closed, Channel<BlockedNotice> Blocked)> ConnectFromAsync(string address)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, PatronHubContract.Path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.Headers["X-Forwarded-For"] = address;
            })
            .Build();
        var closed = Channel.CreateUnbounded<string>();
        var blocked = Channel.CreateUnbounded<BlockedNotice>();
        connection.Closed += error => closed.Writer.WriteAsync(error?.Message ?? "").AsTask();
        connection.On<BlockedNotice>(PatronHubContract.Events.Blocked, notice => blocked.Writer.TryWrite(notice));
        await connection.StartAsync(Cancel);
        return (connection, closed, blocked);
    }

    [Fact]
    public async Task A_blocked_address_behind_the_trusted_proxy_is_refused_with_a_sentence()
    {
        (await Blocks.AddAsync(ItAdmin, new IpBlockDraft("203.0.113.0/24", "spam", BlockDuration.OneDay), null)).Succeeded.Should().BeTrue();

        var (connection, closed, blocked) = await ConnectFromAsync("203.0.113.7");
        await using (connection)
        {
            (await PatronClient.NextAsync(blocked)).Message.Should().Contain("diblokir");
            (await PatronClient.NextAsync(closed)).Should().Contain("blocked: ");
        }

        await using var db = app.CreateDbContext();
        (await db.IpBlocks.SingleAsync(b => b.Range == "203.0.113.0/24", Cancel)).Hits.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task The_widgets_HTTP_endpoints_answer_a_blocked_address_with_403()
    {
        await Blocks.AddAsync(ItAdmin, new IpBlockDraft("192.0.2.66", "spam", BlockDuration.OneDay), null);
        using var client = app.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/widget/strings/id");
        request.Headers.Add("X-Forwarded-For", "192.0.2.66");

        (await client.SendAsync(request, Cancel)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.GetAsync("/widget/strings/id", Cancel)).StatusCode.Should().Be(HttpStatusCode.OK, "the proxy's other clients are not blocked");
    }

    [Fact]
    public async Task Blocking_a_chatting_patron_disconnects_it_and_closes_its_conversation()
    {
        var (connection, closed, blocked) = await ConnectFromAsync("198.51.100.20");
        await using var _ = connection;
        var closings = Channel.CreateUnbounded<ConversationClosedNotice>();
        connection.On<ConversationClosedNotice>(PatronHubContract.Events.ConversationClosed, n => closings.Writer.TryWrite(n));
        var hello = await connection.InvokeAsync<HelloResponse>(PatronHubContract.Methods.Hello, new HelloRequest("v", null, null, null, "en"), Cancel);
        var started = await connection.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation,
            new StartConversationRequest("Spammer", "spam@contoh.id", null, hello.QuestionTypes[0].Id, "BUY NOW", PatronClient.NewMessageId()), Cancel);

        await Blocks.AddAsync(ItAdmin, new IpBlockDraft("198.51.100.0/24", "spam", BlockDuration.OneHour), null);

        (await PatronClient.NextAsync(blocked)).Message.Should().Contain("blocked", "the patron chose English");
        (await PatronClient.NextAsync(closings)).Reason.Should().Be(ConversationClosedNotice.Blocked);
        await PatronClient.NextAsync(closed);
        await using var db = app.CreateDbContext();
        (await db.Conversations.SingleAsync(c => c.Id == started.ConversationId, Cancel)).PatronIpAddress.Should().Be("198.51.100.0/24");
    }

    [Fact]
    public async Task An_expired_block_lets_the_address_back_in()
    {
        await Blocks.AddAsync(ItAdmin, new IpBlockDraft("2001:db8:77::/48", "flood", BlockDuration.OneHour), null);
        var (first, firstClosed, _) = await ConnectFromAsync("2001:db8:77::5");
        await using (first)
        {
            (await PatronClient.NextAsync(firstClosed)).Should().Contain("blocked: ");
        }

        app.Clock.Set(app.Clock.GetUtcNow().AddHours(2));
        try
        {
            var (second, _, _) = await ConnectFromAsync("2001:db8:77::5");
            await using (second)
            {
                (await second.InvokeAsync<HelloResponse>(PatronHubContract.Methods.Hello, new HelloRequest("v", null, null, null, "id"), Cancel))
                    .Status.Should().NotBeNull();
            }
        }
        finally
        {
            app.Clock.Set(app.Clock.GetUtcNow().AddHours(-2));
        }
    }

    [Theory]
    [InlineData("10.0.0.256", "IpRange_malformed_address")]
    [InlineData("10.0.0.0/33", "IpRange_prefix_out_of_range")]
    [InlineData("::/129", "IpRange_prefix_out_of_range")]
    [InlineData("10.0.0. 1", "IpRange_malformed_address")]
    [InlineData("  ", "IpRange_empty")]
    public async Task A_malformed_address_is_refused_and_nothing_is_saved(string range, string expected)
    {
        await using var db = app.CreateDbContext();
        var before = await db.IpBlocks.CountAsync(Cancel);

        (await Blocks.AddAsync(ItAdmin, new IpBlockDraft(range, "spam", BlockDuration.OneDay), null)).Error.Should().Be(expected);

        (await db.IpBlocks.CountAsync(Cancel)).Should().Be(before);
    }

    [Fact]
    public async Task Blocking_everyone_or_ones_own_address_needs_an_explicit_confirmation()
    {
        (await Blocks.AddAsync(ItAdmin, new IpBlockDraft("0.0.0.0/0", "oops", BlockDuration.OneHour), null))
            .Warning.Should().Be(IpBlockWarnings.CoversEveryone);
        (await Blocks.AddAsync(ItAdmin, new IpBlockDraft("::/0", "oops", BlockDuration.OneHour), null))
            .Warning.Should().Be(IpBlockWarnings.CoversEveryone);
        (await Blocks.AddAsync(ItAdmin, new IpBlockDraft("100.64.0.0/10", "office", BlockDuration.OneHour), IPAddress.Parse("100.64.1.2")))
            .Warning.Should().Be(IpBlockWarnings.CoversYou);

        var confirmed = await Blocks.AddAsync(ItAdmin, new IpBlockDraft("100.64.0.0/10", "office", BlockDuration.OneHour, Confirmed: true), IPAddress.Parse("100.64.1.2"));
        confirmed.Succeeded.Should().BeTrue();
        await Blocks.RemoveAsync(ItAdmin, confirmed.Block!.Id);
    }
}

/// <summary>The same desk, but the proxy it trusts is elsewhere: a header from the tests' own peer is a forgery.</summary>
public sealed class ForgedForwardedHeaderTests(ForgedForwardedHeaderTests.DeskWithRemoteProxy app) : IClassFixture<ForgedForwardedHeaderTests.DeskWithRemoteProxy>
{
    public sealed class DeskWithRemoteProxy : OpenDeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:ServiceHours:AlwaysOpen"] = "true",
            ["Desk:ForwardedHeaders:KnownProxies:0"] = "10.9.9.9",
        };
    }

    [Fact]
    public async Task X_Forwarded_For_from_an_untrusted_peer_is_ignored()
    {
        await app.Service<IpBlockService>().AddAsync(new AuditActor(null, "IT"), new IpBlockDraft("127.0.0.1", "the tests' own peer", BlockDuration.OneHour, Confirmed: true), null);
        using var client = app.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/widget/strings/id");
        request.Headers.Add("X-Forwarded-For", "203.0.113.99");

        (await client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode
            .Should().Be(HttpStatusCode.Forbidden, "the real peer (127.0.0.1) is blocked and a forged header does not get around it");
    }
}
