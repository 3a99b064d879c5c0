using LibrarianDesk.Shared.Blocking;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.IpBlocks;

public sealed class FloodControlTests(FloodControlTests.GuardedDesk app) : IClassFixture<FloodControlTests.GuardedDesk>
{
    public sealed class GuardedDesk : OpenDeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:ServiceHours:AlwaysOpen"] = "true",
            ["Desk:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["Desk:FloodControl:Enabled"] = "true",
            ["Desk:FloodControl:MaxConversations"] = "2",
            ["Desk:FloodControl:MaxRepeats"] = "3",
        };
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly System.Threading.Channels.Channel<BlockedNotice> blockedNotices = System.Threading.Channels.Channel.CreateUnbounded<BlockedNotice>();

    private async Task<HubConnection> ConnectFromAsync(string address)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, PatronHubContract.Path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.Headers["X-Forwarded-For"] = address;
            })
            .Build();
        connection.On<BlockedNotice>(PatronHubContract.Events.Blocked, notice => blockedNotices.Writer.TryWrite(notice));
        await connection.StartAsync(Cancel);
        await connection.InvokeAsync<HelloResponse>(PatronHubContract.Methods.Hello, new HelloRequest("v", null, null, null, "id"), Cancel);
        return connection;
    }

    private static Task<StartConversationResponse> StartAsync(HubConnection connection, string text) =>
        connection.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation,
            new StartConversationRequest("Flood", "flood@contoh.id", null, 1, text, PatronClient.NewMessageId()), Cancel);

    [Fact]
    public async Task Too_many_new_conversations_from_one_address_add_a_temporary_automatic_block()
    {
        await using var connection = await ConnectFromAsync("192.0.2.10");
        await StartAsync(connection, "Satu");
        await StartAsync(connection, "Dua");

        var third = () => StartAsync(connection, "Tiga");

        // The new block cuts the flooding connection at once: the patron is told, the call gets no answer.
        await third.Should().ThrowAsync<Exception>();
        (await PatronClient.NextAsync(blockedNotices)).Message.Should().Contain("diblokir");
        await using var db = app.CreateDbContext();
        var block = await db.IpBlocks.SingleAsync(b => b.Range == "192.0.2.10", Cancel);
        block.Should().BeEquivalentTo(new { IsAutomatic = true });
        block.Reason.Should().StartWith(IpBlock.AutomaticReasonPrefix);
        block.ExpiresAt.Should().BeCloseTo(block.CreatedAt.AddHours(1), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task The_same_text_repeated_adds_an_automatic_block_and_other_addresses_are_untouched()
    {
        await using var spammer = await ConnectFromAsync("192.0.2.20");
        var started = await StartAsync(spammer, "Halo");
        for (var i = 0; i < 3; i++)
        {
            await spammer.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
                new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), "PROMO MURAH"), Cancel);
        }

        var fourth = () => spammer.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
            new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), "promo murah"), Cancel);
        await fourth.Should().ThrowAsync<Exception>();
        (await PatronClient.NextAsync(blockedNotices)).Message.Should().Contain("diblokir");
        await using (var db = app.CreateDbContext())
        {
            (await db.IpBlocks.SingleAsync(b => b.Range == "192.0.2.20", Cancel)).Reason.Should().Contain("the same text");
        }

        await using var neighbour = await ConnectFromAsync("192.0.2.21");
        (await StartAsync(neighbour, "Pertanyaan biasa")).FirstMessage.Sequence.Should().Be(1);
    }
}
