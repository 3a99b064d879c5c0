using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.IpBlocks;
using LibrarianDesk.Shared.Blocking;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.SeveralServers;

/// <summary>
/// A block added or lifted on server A holds on server B at once: B's hub and widget endpoints refuse (or admit) the
/// address, and B's patrons from it are disconnected, each conversation ended once.
/// </summary>
public sealed class BlocksAcrossServersTests(BlocksAcrossServersTests.BehindProxy desk) : IClassFixture<BlocksAcrossServersTests.BehindProxy>
{
    /// <summary>Both servers behind a proxy on 127.0.0.1 (the tests' own peer), so each patron has the address it says.</summary>
    public sealed class BehindProxy : TwoServerDesk
    {
        protected override IReadOnlyDictionary<string, string?> MoreSettings { get; } = new Dictionary<string, string?>
        {
            ["Desk:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        };
    }

    private static readonly AuditActor ItAdmin = new(null, "IT admin in a test");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_block_added_on_one_server_disconnects_the_patron_on_the_other_once_and_refuses_its_address_there()
    {
        await TwoServerDesk.RequireAsync();
        var patron = await ConnectAsync(desk.B, "198.51.100.20");
        await using var _ = patron.Connection;
        var hello = await patron.Connection.InvokeAsync<HelloResponse>(PatronHubContract.Methods.Hello, new HelloRequest("v", null, null, null, "en"), Cancel);
        var started = await patron.Connection.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation,
            new StartConversationRequest("Spammer", "spam@contoh.id", null, hello.QuestionTypes[0].Id, "BUY NOW", PatronClient.NewMessageId()), Cancel);
        var endedOnA = new ConcurrentQueue<ConversationStatusChanged>();
        using var heard = desk.A.Notifier.Subscribe<ConversationStatusChanged>(e =>
        {
            endedOnA.Enqueue(e);
            return Task.CompletedTask;
        });

        (await desk.A.Service<IpBlockService>().AddAsync(ItAdmin, new IpBlockDraft("198.51.100.0/24", "spam", BlockDuration.OneHour), null))
            .Succeeded.Should().BeTrue();

        (await PatronClient.NextAsync(patron.Blocked)).Message.Should().Contain("blocked", "the patron chose English");
        (await PatronClient.NextAsync(patron.Closings)).Reason.Should().Be(ConversationClosedNotice.Blocked);
        await PatronClient.NextAsync(patron.Closed);
        patron.Blocked.Reader.TryRead(out var _).Should().BeFalse("one server disconnects the patron, once");
        patron.Closings.Reader.TryRead(out var _).Should().BeFalse("the conversation is ended once");
        await Eventually.TrueAsync(() => endedOnA.Any(e => e.ConversationId == started.ConversationId), "server A hears the conversation end");
        await using (var db = desk.A.CreateDbContext())
        {
            // Unanswered, it ends as missed; answered, as closed.
            (await db.Conversations.SingleAsync(c => c.Id == started.ConversationId, Cancel)).Status.Should().Be(ConversationStatus.Missed);
        }

        await Eventually.TrueAsync(async () => await WidgetStringsAsync(desk.B, "198.51.100.22") == HttpStatusCode.Forbidden,
            "server B's widget endpoints refuse the address");
        (await WidgetStringsAsync(desk.B, "192.0.2.1")).Should().Be(HttpStatusCode.OK, "other addresses are not blocked");
        var again = await ConnectAsync(desk.B, "198.51.100.21");
        await using (again.Connection)
        {
            (await PatronClient.NextAsync(again.Closed)).Should().Contain("blocked: ", "server B's hub refuses the address");
        }

        endedOnA.Count(e => e.ConversationId == started.ConversationId).Should().Be(1);
    }

    [Fact]
    public async Task A_block_lifted_on_one_server_lets_the_address_in_on_the_other()
    {
        await TwoServerDesk.RequireAsync();
        var added = await desk.B.Service<IpBlockService>().AddAsync(ItAdmin, new IpBlockDraft("203.0.113.0/24", "spam", BlockDuration.OneDay), null);
        (await WidgetStringsAsync(desk.B, "203.0.113.9")).Should().Be(HttpStatusCode.Forbidden);

        await desk.A.Service<IpBlockService>().RemoveAsync(ItAdmin, added.Block!.Id);

        await Eventually.TrueAsync(async () => await WidgetStringsAsync(desk.B, "203.0.113.9") == HttpStatusCode.OK, "server B lets the address in");
        var patron = await ConnectAsync(desk.B, "203.0.113.9");
        await using (patron.Connection)
        {
            (await patron.Connection.InvokeAsync<HelloResponse>(PatronHubContract.Methods.Hello, new HelloRequest("v", null, null, null, "id"), Cancel))
                .Status.Should().NotBeNull("server B's hub admits the address again");
        }
    }

    private static async Task<HttpStatusCode> WidgetStringsAsync(TwoServerDesk.ServerDesk server, string address)
    {
        using var client = server.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/widget/strings/id");
        request.Headers.Add("X-Forwarded-For", address);
        using var response = await client.SendAsync(request, Cancel);
        return response.StatusCode;
    }

    /// <summary>A patron whose requests the proxy forwards for <paramref name="address"/>, on one server.</summary>
    private static async Task<Patron> ConnectAsync(TwoServerDesk.ServerDesk server, string address)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, PatronHubContract.Path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.Headers["X-Forwarded-For"] = address;
            })
            .Build();
        var patron = new Patron(connection, Channel.CreateUnbounded<string>(), Channel.CreateUnbounded<BlockedNotice>(), Channel.CreateUnbounded<ConversationClosedNotice>());
        connection.Closed += error => patron.Closed.Writer.WriteAsync(error?.Message ?? "").AsTask();
        connection.On<BlockedNotice>(PatronHubContract.Events.Blocked, notice => patron.Blocked.Writer.TryWrite(notice));
        connection.On<ConversationClosedNotice>(PatronHubContract.Events.ConversationClosed, notice => patron.Closings.Writer.TryWrite(notice));
        await connection.StartAsync(Cancel);
        return patron;
    }

    private sealed record Patron(
        HubConnection Connection, Channel<string> Closed, Channel<BlockedNotice> Blocked, Channel<ConversationClosedNotice> Closings);
}
