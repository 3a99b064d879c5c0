using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Realtime;

/// <summary>A start is idempotent for the client that made it and unreachable for anyone else.</summary>
public sealed class StartConversationTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static StartConversationRequest Request(PatronClient patron, string? startKey, string visitorId, string clientMessageId, string name = "Nur") =>
        new(name, "nur@contoh.id", null, patron.Hello.QuestionTypes[0].Id, "Halo, saya butuh bantuan.", clientMessageId,
            VisitorId: visitorId, StartKey: startKey);

    private async Task<int> ConversationsOfVisitorAsync(string visitorId)
    {
        await using var db = app.CreateDbContext();
        return await db.Conversations.CountAsync(c => c.VisitorId == visitorId, Cancel);
    }

    [Fact]
    public async Task A_start_sent_again_after_a_lost_answer_returns_the_same_conversation_and_the_same_token()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var request = Request(patron, StartConversationRequest.NewStartKey(), $"visitor-{Guid.NewGuid():N}", PatronClient.NewMessageId());

        var first = await patron.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation, request);
        await using var reconnected = await PatronClient.ConnectAsync(app);
        var again = await reconnected.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation, request);

        again.Should().BeEquivalentTo(first, "the retry is answered exactly as the start was");
        (await ConversationsOfVisitorAsync(request.VisitorId!)).Should().Be(1);
        var ack = await patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
            new SendMessageRequest(first.ConversationId, first.PatronToken, PatronClient.NewMessageId(), "Masih di sini."));
        ack.Sequence.Should().Be(2, "the first client's token still works after the retry");
        (await PatronClient.NextAsync(reconnected.Messages)).Text.Should().Be("Masih di sini.", "the retrying connection follows the conversation");
    }

    [Fact]
    public async Task Copies_of_one_start_racing_each_other_make_exactly_one_conversation()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var request = Request(patron, StartConversationRequest.NewStartKey(), $"visitor-{Guid.NewGuid():N}", PatronClient.NewMessageId());
        var clients = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PatronClient.ConnectAsync(app)));
        try
        {
            var answers = await Task.WhenAll(clients.Select(c => c.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation, request)));

            answers.Select(a => a.ConversationId).Distinct().Should().ContainSingle();
            answers.Select(a => a.PatronToken).Distinct().Should().ContainSingle();
            (await ConversationsOfVisitorAsync(request.VisitorId!)).Should().Be(1);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Another_client_repeating_a_patrons_public_values_gets_a_conversation_of_its_own_and_no_access()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var visitorId = $"visitor-{Guid.NewGuid():N}";
        const string numberedMessage = "1";
        var real = await patron.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation,
            Request(patron, StartConversationRequest.NewStartKey(), visitorId, numberedMessage));

        // Everything staff can see, and a message id a third-party client might number 1, 2, 3, with and without a key of its own.
        await using var intruder = await PatronClient.ConnectAsync(app);
        var withoutKey = await intruder.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation,
            Request(intruder, null, visitorId, numberedMessage, "Penyusup"));
        var withOwnKey = await intruder.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation,
            Request(intruder, StartConversationRequest.NewStartKey(), visitorId, numberedMessage, "Penyusup"));

        new[] { withoutKey.ConversationId, withOwnKey.ConversationId }.Should().NotContain(real.ConversationId).And.OnlyHaveUniqueItems();
        var resume = () => intruder.InvokeAsync<ResumeResponse>(PatronHubContract.Methods.Resume, new ResumeRequest(real.ConversationId, withoutKey.PatronToken, 0));
        (await resume.Should().ThrowAsync<HubException>()).Which.Error().Should().StartWith("forbidden: ");
        var ack = await patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
            new SendMessageRequest(real.ConversationId, real.PatronToken, PatronClient.NewMessageId(), "Masih saya."));
        ack.Sequence.Should().Be(2, "the real patron keeps their conversation");
    }

    [Fact]
    public async Task A_start_without_a_key_is_never_matched_to_an_earlier_one()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var request = Request(patron, null, $"visitor-{Guid.NewGuid():N}", PatronClient.NewMessageId());

        var first = await patron.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation, request);
        var second = await patron.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation, request);

        second.ConversationId.Should().NotBe(first.ConversationId);
        second.PatronToken.Should().NotBe(first.PatronToken);
    }

    [Theory]
    [InlineData("too-short-0123456789")]
    [InlineData("0123456789abcdef0123456789abcdef with spaces")]
    [InlineData("0123456789abcdef0123456789abcdef/+=")]
    [InlineData("ŝŝŝŝŝŝŝŝŝŝŝŝŝŝŝŝŝŝŝŝŝŝŝŝŝŝŝŝŝŝŝŝŝŝ")]
    public async Task A_malformed_start_key_is_refused_and_nothing_is_started(string startKey)
    {
        await using var patron = await PatronClient.ConnectAsync(app, "en");
        var visitorId = $"visitor-{Guid.NewGuid():N}";
        var start = () => patron.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation,
            Request(patron, startKey, visitorId, PatronClient.NewMessageId()));

        (await start.Should().ThrowAsync<HubException>()).Which.Error().Should().Be("validation: The conversation could not be started. Reload the page and try again.");
        (await ConversationsOfVisitorAsync(visitorId)).Should().Be(0);
    }

    [Fact]
    public async Task A_start_key_longer_than_the_limit_is_refused()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var start = () => patron.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation,
            Request(patron, new string('a', StartConversationRequest.MaxStartKeyLength + 1), "v", PatronClient.NewMessageId()));

        (await start.Should().ThrowAsync<HubException>()).Which.Error().Should().StartWith("validation: ");
    }
}
