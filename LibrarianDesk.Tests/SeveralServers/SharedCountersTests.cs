using System.Diagnostics;
using LibrarianDesk.Shared.Blocking;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Tests.Hosting;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.SeveralServers;

/// <summary>
/// Flood control and the per-address rate limit count an address's calls through both servers together: a patron
/// address spread over the two meets each threshold at the same total as on one server. Each test speaks from an
/// address of its own (forwarded by the trusted proxy on 127.0.0.1).
/// </summary>
public sealed class SharedCountersTests(SharedCountersTests.GuardedServers desk) : IClassFixture<SharedCountersTests.GuardedServers>
{
    private const int MaxConversations = 4;
    private const int MaxMessagesPerMinute = 6;
    private const int PerAddressBurst = 20;

    public sealed class GuardedServers : TwoServerDesk
    {
        protected override IReadOnlyDictionary<string, string?> MoreSettings { get; } = new Dictionary<string, string?>
        {
            ["Desk:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["Desk:FloodControl:Enabled"] = "true",
            ["Desk:FloodControl:MaxConversations"] = $"{MaxConversations}",
            ["Desk:FloodControl:MaxMessagesPerMinute"] = $"{MaxMessagesPerMinute}",
            ["Desk:Patrons:RateLimits:PerConnectionBurst"] = "200",
            ["Desk:Patrons:RateLimits:PerAddressBurst"] = $"{PerAddressBurst}",
            ["Desk:Patrons:RateLimits:PerAddressPerSecond"] = "1",
        };
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Conversations_started_from_one_address_through_both_servers_are_blocked_at_the_one_server_total()
    {
        await TwoServerDesk.RequireAsync();
        const string address = "192.0.2.110";
        await using var onA = await ConnectAsync(desk.A, address);
        await using var onB = await ConnectAsync(desk.B, address);
        var questionType = (await onA.HelloAsync()).QuestionTypes[0].Id;
        await onB.HelloAsync();
        for (var i = 0; i < MaxConversations / 2; i++)
        {
            await onA.StartAsync(questionType, $"Pertanyaan A{i}");
            await onB.StartAsync(questionType, $"Pertanyaan B{i}");
        }

        var oneMore = () => onB.StartAsync(questionType, "Satu lagi");

        (await oneMore.Should().ThrowAsync<HubException>()).Which.Error().Should().StartWith("blocked: ");
        (await BlockOnAsync(address))!.Reason.Should().StartWith(IpBlock.AutomaticReasonPrefix).And.Contain("conversations");
    }

    [Fact]
    public async Task Messages_into_one_conversation_sent_through_both_servers_are_blocked_at_the_one_server_total()
    {
        await TwoServerDesk.RequireAsync();
        const string address = "192.0.2.120";
        await using var onA = await ConnectAsync(desk.A, address);
        var started = await onA.StartAsync((await onA.HelloAsync()).QuestionTypes[0].Id, "Halo, saya butuh bantuan.");
        for (var i = 1; i < MaxMessagesPerMinute / 2; i++)
        {
            await SendAsync(onA, started, $"Pesan A{i}");
        }

        // The widget reconnected to the other server, as after a restart behind the load balancer.
        await using var onB = await ConnectAsync(desk.B, address);
        await onB.HelloAsync();
        for (var i = 0; i < MaxMessagesPerMinute / 2; i++)
        {
            await SendAsync(onB, started, $"Pesan B{i}");
        }

        var oneMore = () => SendAsync(onB, started, "Satu lagi");

        (await oneMore.Should().ThrowAsync<HubException>()).Which.Error().Should().StartWith("blocked: ");
        (await BlockOnAsync(address))!.Reason.Should().Contain("messages in a minute");
    }

    [Fact]
    public async Task Calls_from_one_address_through_both_servers_share_one_rate_limit()
    {
        await TwoServerDesk.RequireAsync();
        const string address = "192.0.2.130";
        await using var onA = await ConnectAsync(desk.A, address);
        await using var onB = await ConnectAsync(desk.B, address);
        await onA.HelloAsync();
        await onB.HelloAsync();
        const int callsEach = 15; // each server alone would serve them all: 16 calls there, within a burst of 20
        var clock = Stopwatch.StartNew();

        var outcomes = await Task.WhenAll(new[] { onA, onB }.SelectMany(patron => Enumerable.Range(0, callsEach).Select(_ => SearchAsync(patron))));
        var elapsed = clock.Elapsed;

        outcomes.Should().Contain(o => o != null && o.StartsWith("rate_limited: ", StringComparison.Ordinal));
        var refillAtMost = (int)Math.Ceiling(elapsed.TotalSeconds) + 1;
        outcomes.Count(o => o == null).Should().BeInRange(PerAddressBurst - 2, PerAddressBurst - 2 + refillAtMost,
            "the address's one bucket (two Hellos took two) served the calls of both servers");
    }

    private static async Task<HeaderPatron> ConnectAsync(TwoServerDesk.ServerDesk server, string address) =>
        await HeaderPatron.ForwardedForAsync(server, address);

    private static Task<MessageAcknowledgement> SendAsync(HeaderPatron patron, StartConversationResponse started, string text) =>
        patron.Connection.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
            new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), text), Cancel);

    /// <summary>Null when served, otherwise the refusal.</summary>
    private static async Task<string?> SearchAsync(HeaderPatron patron)
    {
        try
        {
            await patron.Connection.InvokeAsync<List<FaqAnswer>>(PatronHubContract.Methods.SearchFaq, "buku", Cancel);
            return null;
        }
        catch (HubException refused)
        {
            return refused.Error();
        }
    }

    private async Task<IpBlock?> BlockOnAsync(string address)
    {
        await using var db = desk.A.CreateDbContext();
        return await db.IpBlocks.SingleOrDefaultAsync(b => b.Range == address, Cancel);
    }
}
