using System.Threading.Channels;
using LibrarianDesk.Shared.Blocking;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.IpBlocks;

/// <summary>Flood control blocks bots and never an honest patron; each test speaks from an address of its own.</summary>
public sealed class FloodControlTests(FloodControlTests.GuardedDesk app) : IClassFixture<FloodControlTests.GuardedDesk>
{
    public sealed class GuardedDesk : OpenDeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:ServiceHours:AlwaysOpen"] = "true",
            ["Desk:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["Desk:FloodControl:Enabled"] = "true",
            ["Desk:FloodControl:MaxConversations"] = "3",
            ["Desk:FloodControl:MaxMessagesPerMinute"] = "30",
            ["Desk:FloodControl:MaxRepeats"] = "2",

            // Faster than anyone types, so that flood control, not the call rate limit, is what these tests meet.
            ["Desk:Patrons:RateLimits:PerConnectionBurst"] = "200",
            ["Desk:FloodControl:ExemptNetworks:0"] = "198.51.100.0/24",
        };
    }

    private const string Advertisement = "PROMO MURAH pinjaman dana cepat, hubungi 0812-0000-0000 sekarang";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private sealed record Patron(HubConnection Connection, Channel<BlockedNotice> Blocked, Channel<Exception?> Closed) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }

    private async Task<Patron> ConnectFromAsync(string address)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, PatronHubContract.Path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.Headers["X-Forwarded-For"] = address;
            })
            .Build();
        var blocked = Channel.CreateUnbounded<BlockedNotice>();
        var closed = Channel.CreateUnbounded<Exception?>();
        connection.On<BlockedNotice>(PatronHubContract.Events.Blocked, notice => blocked.Writer.TryWrite(notice));
        connection.Closed += error => closed.Writer.WriteAsync(error).AsTask();
        await connection.StartAsync(Cancel);
        await connection.InvokeAsync<HelloResponse>(PatronHubContract.Methods.Hello, new HelloRequest("v", null, null, null, "id"), Cancel);
        return new Patron(connection, blocked, closed);
    }

    private static StartConversationRequest Start(string text, string? name = "Flood", string? startKey = null) =>
        new(name!, "flood@contoh.id", null, 1, text, PatronClient.NewMessageId(), StartKey: startKey ?? StartConversationRequest.NewStartKey());

    private static Task<StartConversationResponse> StartAsync(Patron patron, string text) =>
        StartAsync(patron, Start(text));

    private static Task<StartConversationResponse> StartAsync(Patron patron, StartConversationRequest request) =>
        patron.Connection.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation, request, Cancel);

    private static Task<MessageAcknowledgement> SendAsync(Patron patron, StartConversationResponse started, string text, string? clientMessageId = null) =>
        patron.Connection.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
            new SendMessageRequest(started.ConversationId, started.PatronToken, clientMessageId ?? PatronClient.NewMessageId(), text), Cancel);

    private async Task<IpBlock?> BlockOnAsync(string address)
    {
        await using var db = app.CreateDbContext();
        return await db.IpBlocks.SingleOrDefaultAsync(b => b.Range == address, Cancel);
    }

    [Fact]
    public async Task Too_many_new_conversations_block_the_address_and_the_call_that_crossed_is_told_so_before_the_connection_closes()
    {
        await using var patron = await ConnectFromAsync("192.0.2.10");
        await StartAsync(patron, "Satu");
        await StartAsync(patron, "Dua");
        await StartAsync(patron, "Tiga");

        var fourth = () => StartAsync(patron, "Empat");

        (await fourth.Should().ThrowAsync<HubException>()).Which.Error().Should().StartWith("blocked: ").And.Contain("diblokir");
        (await PatronClient.NextAsync(patron.Blocked)).Message.Should().Contain("diblokir");
        await PatronClient.NextAsync(patron.Closed);
        var block = await BlockOnAsync("192.0.2.10");
        block.Should().BeEquivalentTo(new { IsAutomatic = true });
        block!.Reason.Should().StartWith(IpBlock.AutomaticReasonPrefix).And.Contain("conversations");
        block.ExpiresAt.Should().BeCloseTo(block.CreatedAt.AddHours(1), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_bot_pasting_the_same_text_into_many_conversations_is_blocked_and_other_addresses_are_untouched()
    {
        // Within the conversation limit, a new connection per conversation as a bot would, from one address.
        await using (var bot = await ConnectFromAsync("192.0.2.20"))
        {
            var started = await StartAsync(bot, "Halo");
            await SendAsync(bot, started, Advertisement);
            await SendAsync(bot, started, Advertisement.ToLowerInvariant() + "  ");
        }

        await using (var bot = await ConnectFromAsync("192.0.2.20"))
        {
            await StartAsync(bot, Advertisement);
        }

        await using (var bot = await ConnectFromAsync("192.0.2.20"))
        {
            var third = await StartAsync(bot, "Halo lagi");
            var pasted = () => SendAsync(bot, third, "Promo murah pinjaman dana cepat,  hubungi 0812-0000-0000 sekarang");

            (await pasted.Should().ThrowAsync<HubException>()).Which.Error().Should().StartWith("blocked: ");
        }

        (await BlockOnAsync("192.0.2.20"))!.Reason.Should().Contain("the same text");
        await using var neighbour = await ConnectFromAsync("192.0.2.21");
        (await StartAsync(neighbour, Advertisement)).FirstMessage.Sequence.Should().Be(1);
    }

    [Fact]
    public async Task A_chatty_patron_repeating_short_and_long_answers_in_one_conversation_is_never_blocked()
    {
        await using var patron = await ConnectFromAsync("192.0.2.30");
        var started = await StartAsync(patron, "Saya mencari arsip koran Sin Po tahun 1930.");

        for (var i = 0; i < 20; i++)
        {
            await SendAsync(patron, started, "ok");
        }

        for (var i = 0; i < 6; i++)
        {
            await SendAsync(patron, started, "Terima kasih banyak atas bantuannya, Kak.");
        }

        (await SendAsync(patron, started, "Sampai jumpa.")).Sequence.Should().Be(28);
        (await BlockOnAsync("192.0.2.30")).Should().BeNull();
    }

    [Fact]
    public async Task Resends_retried_starts_and_refused_starts_are_not_counted()
    {
        await using var patron = await ConnectFromAsync("192.0.2.40");
        var request = Start("Saya butuh bantuan mencari skripsi.");
        var started = await StartAsync(patron, request);
        for (var i = 0; i < 5; i++)
        {
            (await StartAsync(patron, request)).ConversationId.Should().Be(started.ConversationId);
        }

        var clientMessageId = PatronClient.NewMessageId();
        for (var i = 0; i < 40; i++)
        {
            (await SendAsync(patron, started, Advertisement, clientMessageId)).Sequence.Should().Be(2, "every resend is the same message");
        }

        for (var i = 0; i < 5; i++)
        {
            var refused = () => StartAsync(patron, Start("Halo", name: " "));
            (await refused.Should().ThrowAsync<HubException>()).Which.Error().Should().StartWith("validation: ");
        }

        (await StartAsync(patron, "Pertanyaan kedua saya.")).FirstMessage.Sequence.Should().Be(1, "one more new conversation is within the limit");
        (await BlockOnAsync("192.0.2.40")).Should().BeNull();
    }

    [Fact]
    public async Task An_exempt_network_is_never_blocked()
    {
        await using var readingRoom = await ConnectFromAsync("198.51.100.9");
        for (var i = 0; i < 5; i++)
        {
            var started = await StartAsync(readingRoom, Advertisement);
            await SendAsync(readingRoom, started, Advertisement);
        }

        (await BlockOnAsync("198.51.100.9")).Should().BeNull();
    }
}
