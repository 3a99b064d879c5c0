using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Realtime;

/// <summary>Patrons on a network that drops connections in the middle of calls, retrying as the API says they may.</summary>
public sealed class ConnectionResetTests(ConnectionResetTests.BusyDesk app) : IClassFixture<ConnectionResetTests.BusyDesk>
{
    /// <summary>Every patron of these tests comes from 127.0.0.1: the per-address limit would be what they meet.</summary>
    public sealed class BusyDesk : OpenDeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:ServiceHours:AlwaysOpen"] = "true",
            ["Desk:Patrons:RateLimits:PerAddressBurst"] = "100000",
            ["Desk:Patrons:RateLimits:PerAddressPerSecond"] = "100000",
        };
    }

    private const int Patrons = 200;
    private const int MessagesEach = 3;
    private const int MaxAttempts = 40;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Patrons_whose_connections_are_reset_mid_call_each_get_one_conversation_with_every_message_stored_once()
    {
        await using var proxy = new ResettingProxy(app.BaseAddress, resetShare: 0.5, seed: 2026);
        var questionType = (await Features.Queue.Conversations.FirstQuestionTypeAsync(app)).Id;

        using var parallel = new SemaphoreSlim(25);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, Patrons).Select(async i =>
        {
            await parallel.WaitAsync(Cancel);
            try
            {
                return await ChatThroughAsync(proxy.Address, i, questionType);
            }
            finally
            {
                parallel.Release();
            }
        }));

        proxy.Resets.Should().BeGreaterThan(Patrons / 4, "the network really dropped calls");
        outcomes.Should().OnlyContain(o => o.Acknowledged == MessagesEach + 1, "no patron failed for good");
        outcomes.Where(o => o.Attempts > 1).Should().NotBeEmpty();

        await using var db = app.CreateDbContext();
        var visitorIds = outcomes.Select(o => o.VisitorId).ToList();
        var conversations = await db.Conversations.AsNoTracking().Where(c => visitorIds.Contains(c.VisitorId!))
            .Select(c => new { c.Id, c.VisitorId, Messages = db.ChatMessages.Where(m => m.ConversationId == c.Id).Select(m => m.ClientMessageId).ToList() })
            .ToListAsync(Cancel);
        conversations.Should().HaveCount(Patrons, "every patron got exactly one conversation");
        conversations.Select(c => c.VisitorId).Should().OnlyHaveUniqueItems();
        foreach (var outcome in outcomes)
        {
            var conversation = conversations.Single(c => c.VisitorId == outcome.VisitorId);
            conversation.Id.Should().Be(outcome.ConversationId);
            conversation.Messages.Should().BeEquivalentTo(outcome.ClientMessageIds, "each acknowledged message is stored once, and nothing else");
        }
    }

    private sealed record Outcome(string VisitorId, Guid ConversationId, int Acknowledged, int Attempts, IReadOnlyList<string> ClientMessageIds);

    /// <summary>
    /// One patron: start, then send a few messages. Whatever fails is sent again on a new connection with
    /// the same start key and message ids; a refusal in words (a HubException) is not a network failure and fails the test.
    /// </summary>
    private static async Task<Outcome> ChatThroughAsync(Uri desk, int patron, int questionType)
    {
        var visitorId = $"reset-{patron}-{Guid.NewGuid():N}";
        var start = new StartConversationRequest($"Pemustaka {patron}", $"p{patron}@contoh.id", null, questionType,
            "Apakah ada arsip koran tahun 1950?", PatronClient.NewMessageId(), VisitorId: visitorId, StartKey: StartConversationRequest.NewStartKey());
        var messageIds = Enumerable.Range(0, MessagesEach).Select(_ => PatronClient.NewMessageId()).ToList();
        StartConversationResponse? started = null;
        var acknowledged = 0;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            await using var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(desk, PatronHubContract.Path), options =>
                {
                    options.Transports = HttpTransportType.WebSockets;
                    options.SkipNegotiation = true;
                })
                .Build();
            try
            {
                await connection.StartAsync(Cancel);
                await connection.InvokeAsync<HelloResponse>(PatronHubContract.Methods.Hello, new HelloRequest(visitorId, null, null, null, "id"), Cancel);
                started ??= await connection.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation, start, Cancel);
                acknowledged = Math.Max(acknowledged, 1);
                while (acknowledged <= MessagesEach)
                {
                    var ack = await connection.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
                        new SendMessageRequest(started.ConversationId, started.PatronToken, messageIds[acknowledged - 1], $"Pesan {acknowledged}"), Cancel);
                    ack.Sequence.Should().Be(acknowledged + 1, "a resend is answered with the first acknowledgement");
                    acknowledged++;
                }

                return new Outcome(visitorId, started.ConversationId, acknowledged, attempt, [start.ClientMessageId, .. messageIds]);
            }
            catch (Exception ex) when (ex is not HubException && !Cancel.IsCancellationRequested)
            {
                // The network dropped: try again on a new connection.
            }
        }

        return new Outcome(visitorId, started?.ConversationId ?? Guid.Empty, acknowledged, MaxAttempts, []);
    }
}
