using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LibrarianDesk.Tests.Realtime;

/// <summary>What a patron's client reads, and what the desk logs, when a call is refused or the desk cannot save.</summary>
public sealed class PatronRefusalTests(LockableDeskApp app) : IClassFixture<LockableDeskApp>
{
    private const string UnavailableIndonesian = "unavailable: Layanan sedang tidak dapat menyimpan pesan. Silakan coba lagi sebentar lagi.";

    private static readonly string FilterCategory = typeof(PatronHubFilter).FullName!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<int> StoredAsync(string clientMessageId)
    {
        await using var db = app.CreateDbContext();
        return await db.ChatMessages.CountAsync(m => m.ClientMessageId == clientMessageId, Cancel);
    }

    private List<CapturedLog> LoggedSince(int count) => [.. app.Logs.Entries.Skip(count)];

    [Fact]
    public async Task A_message_sent_while_the_database_is_locked_is_answered_unavailable_and_stored_once_when_sent_again()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        var request = new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), "Apakah peta ini boleh difoto?");
        var before = app.Logs.Entries.Count;

        await using (await app.LockDatabaseAsync())
        {
            var refused = await FluentActions.Awaiting(() => patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage, request))
                .Should().ThrowAsync<HubException>();
            refused.Which.Error().Should().Be(UnavailableIndonesian);
            (await StoredAsync(request.ClientMessageId)).Should().Be(0, "nothing is acknowledged that was not committed");
        }

        var refusal = LoggedSince(before).Should().ContainSingle(e => e.Category == FilterCategory).Subject;
        refusal.Should().BeEquivalentTo(new
        {
            Level = LogLevel.Warning,
            Message = $"Patron call SendMessage refused: unavailable (connection {patron.Connection.ConnectionId})",
            Exception = (Exception?)null,
        });

        var stored = await patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage, request);
        stored.Sequence.Should().Be(2);
        (await patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage, request)).Should().Be(stored, "a resend is answered, not stored again");
        (await StoredAsync(request.ClientMessageId)).Should().Be(1);
    }

    [Fact]
    public async Task A_conversation_started_while_the_database_is_locked_is_answered_unavailable_in_the_patrons_language()
    {
        await using var patron = await PatronClient.ConnectAsync(app, "en");
        const string email = "ayu.locked@contoh.id";
        var request = new StartConversationRequest(
            "Ayu", email, null, patron.Hello.QuestionTypes[0].Id, "Do you keep maps of Batavia?", PatronClient.NewMessageId(),
            VisitorId: $"visitor-{Guid.NewGuid():N}");

        await using (await app.LockDatabaseAsync())
        {
            var refused = await FluentActions.Awaiting(() => patron.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation, request))
                .Should().ThrowAsync<HubException>();
            refused.Which.Error().Should().Be("unavailable: The desk cannot save right now. Please try again in a moment.");
        }

        var started = await patron.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation, request);
        started.FirstMessage.Text.Should().Be("Do you keep maps of Batavia?");
        await using var db = app.CreateDbContext();
        (await db.Conversations.CountAsync(c => c.PatronEmail == email, Cancel)).Should().Be(1);
    }

    [Fact]
    public async Task A_refused_call_is_logged_on_one_line_below_error_without_a_stack_or_the_patrons_words()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        var tooLong = "RAHASIA-PATRON " + new string('x', 2000);
        var before = app.Logs.Entries.Count;

        await FluentActions.Awaiting(() => patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
                new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), tooLong)))
            .Should().ThrowAsync<HubException>().WithMessage("*validation: *");

        var logged = LoggedSince(before);
        logged.Should().ContainSingle(e => e.Category == FilterCategory).Which.Should().BeEquivalentTo(new
        {
            Level = LogLevel.Information,
            Message = $"Patron call SendMessage refused: validation (connection {patron.Connection.ConnectionId})",
        });
        logged.Should().NotContain(e => e.Level >= LogLevel.Error, "a refusal is the patron's mistake, not the desk's fault");
        logged.Should().NotContain(e => e.Exception != null, "a refusal has no stack worth logging");
        logged.Should().NotContain(e => e.ConsoleLine.Contains("RAHASIA-PATRON", StringComparison.Ordinal), "the patron's words stay out of the log");
    }

    [Fact]
    public async Task Log_lines_keep_colons_in_their_time_while_an_indonesian_patron_is_served()
    {
        await using var patron = await PatronClient.ConnectAsync(app, "id");
        var before = app.Logs.Entries.Count;

        await FluentActions.Awaiting(() => patron.InvokeAsync(PatronHubContract.Methods.EndConversation, new ConversationKey(Guid.NewGuid(), "bukan-token")))
            .Should().ThrowAsync<HubException>().WithMessage("*forbidden: *");

        var refusal = LoggedSince(before).Should().ContainSingle(e => e.Category == FilterCategory).Subject;
        refusal.Culture.Should().Be("id", "the patron's calls run in Indonesian, whose time separator is '.'");
        refusal.ConsoleLine.Should().MatchRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} ");
    }
}
