using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using StartedConversations = LibrarianDesk.Tests.Features.Queue.Conversations;

namespace LibrarianDesk.Tests.Features.Conversations;

/// <summary>The chat's message writer on a real PostgreSQL, with one server and with two on the same database.</summary>
public sealed class PostgreSqlMessageWriterTests(OpenPostgreSqlDeskApp app) : IClassFixture<OpenPostgreSqlDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Patron_messages_and_replies_take_the_next_sequence_once_and_an_ended_conversation_refuses_more()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var started = await StartedConversations.StartedAsync(app);
        var chat = app.Service<LibrarianChat>();
        (await chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Halo, saya Sari.")).Sequence.Should().Be(2, "the claim's reply");
        var reply = await chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Petanya ada di lantai 21.", PatronClient.NewMessageId());
        reply.Should().BeEquivalentTo(new { Sequence = 3, IsResend = false, AuthorName = "Sari Wulandari" });

        var patron = app.Service<PatronChat>();
        var request = new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), "Terima kasih!");
        var first = await patron.SendPatronMessageAsync(request);
        first.Should().BeEquivalentTo(new { Sequence = 4, IsResend = false });
        var resent = await patron.SendPatronMessageAsync(request);
        resent.Should().BeEquivalentTo(new { Sequence = 4, IsResend = true, first.SentAt }, "a resend is answered with the first acknowledgement");
        resent.Message.Id.Should().Be(first.Message.Id);

        await using (var db = app.CreateDbContext())
        {
            var stored = await db.ChatMessages.AsNoTracking().Where(m => m.ConversationId == started.ConversationId)
                .OrderBy(m => m.Sequence).ToListAsync(Cancel);
            stored.Select(m => m.Sequence).Should().Equal(1, 2, 3, 4);
            stored[3].Should().BeEquivalentTo(new { first.Message.Id, Author = MessageAuthor.Patron, Text = "Terima kasih!", first.SentAt });
            stored[2].Should().BeEquivalentTo(new { reply.Message.Id, AuthorId = app.LibrarianId, reply.SentAt });
            (await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == started.ConversationId, Cancel)).LastSequence.Should().Be(4);
        }

        await patron.EndByPatronAsync(new ConversationKey(started.ConversationId, started.PatronToken));
        var afterEnd = () => patron.SendPatronMessageAsync(request with { ClientMessageId = PatronClient.NewMessageId(), Text = "Satu lagi" });
        (await afterEnd.Should().ThrowAsync<PatronRequestException>()).Which.Code.Should().Be(PatronHubContract.ErrorCodes.Closed);
    }

    [Fact]
    public async Task Two_servers_appending_to_one_conversation_at_once_give_every_message_its_own_gapless_sequence()
    {
        await PostgreSqlDeskApp.RequireAsync();
        await using var second = await app.SecondServerAsync();
        var started = await StartedConversations.StartedAsync(app);
        await app.Service<LibrarianChat>().ReplyAsync(app.LibrarianId, started.ConversationId, "Halo, saya Sari.");

        const int PerServerAndAuthor = 40;
        using var go = new ManualResetEventSlim();
        var sends = new[] { (DeskApp)app, second }.SelectMany(desk => Enumerable.Range(0, PerServerAndAuthor).SelectMany(i => new[]
        {
            Task.Run(async () =>
            {
                go.Wait(Cancel);
                return await desk.Service<PatronChat>().SendPatronMessageAsync(
                    new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), $"Pesan {i}"));
            }, Cancel),
            Task.Run(async () =>
            {
                go.Wait(Cancel);
                return await desk.Service<LibrarianChat>().ReplyAsync(app.LibrarianId, started.ConversationId, $"Balasan {i}", PatronClient.NewMessageId());
            }, Cancel),
        })).ToList();
        go.Set();
        var acknowledged = await Task.WhenAll(sends);

        const int Appended = 2 * 2 * PerServerAndAuthor;
        acknowledged.Select(a => a.Sequence).Should().OnlyHaveUniqueItems().And.HaveCount(Appended);
        await using var db = app.CreateDbContext();
        (await db.ChatMessages.Where(m => m.ConversationId == started.ConversationId).OrderBy(m => m.Sequence).Select(m => m.Sequence).ToListAsync(Cancel))
            .Should().Equal(Enumerable.Range(1, Appended + 2), "the first message and the claim's reply, then every message once, without gaps");
    }

    [Fact]
    public async Task A_message_resent_many_times_at_once_is_stored_once_and_every_send_gets_its_acknowledgement()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var started = await StartedConversations.StartedAsync(app);
        var request = new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), "Halo, ada yang bisa membantu?");
        var other = request with { ClientMessageId = PatronClient.NewMessageId(), Text = "Saya mencari peta." };
        using var go = new ManualResetEventSlim();
        var sends = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            go.Wait(Cancel);
            return await app.Service<PatronChat>().SendPatronMessageAsync(i == 10 ? other : request);
        }, Cancel)).ToList();
        go.Set();
        var acknowledged = await Task.WhenAll(sends);

        var resends = acknowledged.Where((_, i) => i != 10).ToList();
        resends.Select(a => (a.Message.Id, a.Sequence)).Distinct().Should().ContainSingle("every send of one message is answered with its one row");
        resends.Count(a => !a.IsResend).Should().Be(1);
        acknowledged[10].Sequence.Should().NotBe(resends[0].Sequence);
        await using var db = app.CreateDbContext();
        (await db.ChatMessages.Where(m => m.ConversationId == started.ConversationId).OrderBy(m => m.Sequence).Select(m => m.Text).ToListAsync(Cancel))
            .Should().HaveCount(3).And.Contain([request.Text, other.Text]);
        (await db.Conversations.SingleAsync(c => c.Id == started.ConversationId, Cancel)).LastSequence.Should().Be(3);
    }
}
