using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Features.OfflineMessages;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Queue;

/// <summary>A missed chat answered by email from the queue's missed list, through the outbox to a real SMTP server on 127.0.0.1.</summary>
public sealed class MissedFollowUpTests(SmtpOpenDeskApp app) : IClassFixture<SmtpOpenDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private MissedFollowUp FollowUps => app.Service<MissedFollowUp>();

    private AuditActor Sari => new(app.LibrarianId, "Sari Wulandari");

    private Task<int> SendDueAsync() => app.Service<OutboxSender>().SendDueAsync(Cancel);

    /// <summary>
    /// A chat nobody took. Without an address it is a visitor's answer to an automatic greeting (the chat form
    /// itself requires an address).
    /// </summary>
    private async Task<Guid> MissedAsync(string? email, string text = "Apakah ada peta Batavia tahun 1740?")
    {
        var chat = app.Service<PatronChat>();
        var id = email is null
            ? (await chat.StartFromGreetingAsync(new GreetingAnswer($"visitor-{Guid.NewGuid():N}", null, "Ada yang bisa dibantu?", "Dewi Anggraini", null, null,
                text, PatronClient.NewMessageId(), null), "id")).ConversationId
            : (await Conversations.StartedAsync(app, "Dewi Anggraini", text: text, email: email)).ConversationId;
        (await app.Service<ConversationLifecycle>().MarkMissedAsync(id)).Should().BeTrue();
        return id;
    }

    private async Task<MissedFollowUpState> StateAsync(Guid id) => (await FollowUps.StatesAsync([id], Cancel))[id];

    private async Task<int> MailsQueuedAsync(Guid id)
    {
        await using var db = app.CreateDbContext();
        return await db.OutboxMails.CountAsync(m => m.RelatedId == id && m.Kind == OutboxMailKinds.MissedFollowUp, Cancel);
    }

    [Fact]
    public async Task A_missed_patron_gets_the_reply_and_their_question_by_email_and_the_list_shows_who_answered_and_when()
    {
        var email = OfflineDesk.UniqueEmail("dewi");
        var id = await MissedAsync(email);
        (await StateAsync(id)).Should().BeEquivalentTo(new { PatronEmail = email, FollowedUpAt = (DateTimeOffset?)null });

        (await FollowUps.SendAsync(Sari, id, "Ada, silakan ke ruang peta lantai 9.")).Should().BeEmpty();
        await SendDueAsync();

        var mail = app.Smtp.Received.Should().ContainSingle(m => m.To.Mailboxes.Any(t => t.Address == email)).Subject;
        mail.Subject.Should().Be("Re: Pertanyaan Anda di Tanya Pustakawan");
        mail.TextBody.Should().Contain("Yth. Dewi Anggraini,")
            .And.Contain("Ada, silakan ke ruang peta lantai 9.")
            .And.Contain("> Apakah ada peta Batavia tahun 1740?")
            .And.Contain("Sari Wulandari");
        var state = await StateAsync(id);
        state.FollowedUpByName.Should().Be("Sari Wulandari");
        state.FollowedUpAt.Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Two_follow_ups_at_once_send_one_mail()
    {
        var email = OfflineDesk.UniqueEmail("ganda");
        var id = await MissedAsync(email);

        var results = await Task.WhenAll(
            FollowUps.SendAsync(Sari, id, "Balasan pertama."),
            FollowUps.SendAsync(Sari, id, "Balasan pertama."));
        await SendDueAsync();

        results.Should().ContainSingle(r => r.Count == 0);
        results.Should().ContainSingle(r => r.SequenceEqual(new[] { ConversationRuleException.AlreadyFollowedUp }));
        (await MailsQueuedAsync(id)).Should().Be(1);
        app.Smtp.Received.Where(m => m.To.Mailboxes.Any(t => t.Address == email)).Should().ContainSingle();
    }

    [Fact]
    public async Task Without_an_address_no_follow_up_is_offered_and_the_service_refuses_one()
    {
        var id = await MissedAsync(email: null);

        (await StateAsync(id)).PatronEmail.Should().BeNull("the missed list offers the reply only where there is an address");
        (await FollowUps.SendAsync(Sari, id, "Balasan ke mana?")).Should().Equal(ConversationRuleException.NoFollowUpAddress);

        (await MailsQueuedAsync(id)).Should().Be(0);
        (await StateAsync(id)).FollowedUpAt.Should().BeNull();
    }

    public static TheoryData<string?, string> BadReplies => new()
    {
        { null, OfflineErrors.ReplyRequired },
        { "   \n ", OfflineErrors.ReplyRequired },
        { new string('a', MissedFollowUp.MaxReplyLength + 1), OfflineErrors.ReplyTooLong },
    };

    [Theory]
    [MemberData(nameof(BadReplies))]
    public async Task An_empty_or_too_long_reply_is_refused_and_the_chat_stays_open_for_a_follow_up(string? reply, string code)
    {
        var id = await MissedAsync(OfflineDesk.UniqueEmail("buruk"));

        (await FollowUps.SendAsync(Sari, id, reply)).Should().Equal(code);

        (await MailsQueuedAsync(id)).Should().Be(0);
        (await StateAsync(id)).FollowedUpAt.Should().BeNull();
        (await FollowUps.SendAsync(Sari, id, new string('b', MissedFollowUp.MaxReplyLength))).Should().BeEmpty("the longest reply allowed goes out");
    }

    [Fact]
    public async Task A_chat_that_was_not_missed_or_does_not_exist_is_refused()
    {
        var waiting = await Conversations.StartAsync(app, "Agus Salim");

        (await FollowUps.SendAsync(Sari, waiting, "Balasan.")).Should().Equal(ConversationRuleException.NotMissed);
        (await FollowUps.SendAsync(Sari, Guid.NewGuid(), "Balasan.")).Should().Equal(MissedFollowUp.NotFound);
        (await MailsQueuedAsync(waiting)).Should().Be(0);
    }

    [Fact]
    public async Task An_account_without_the_librarian_role_may_not_follow_up()
    {
        var id = await MissedAsync(OfflineDesk.UniqueEmail("peran"));
        var admin = await StaffAccounts.ActorAsync(app, "Irfan Admin", DeskRoles.ItAdmin);

        var send = () => FollowUps.SendAsync(admin, id, "Balasan.");

        await send.Should().ThrowAsync<StaffRoleRequiredException>();
        (await MailsQueuedAsync(id)).Should().Be(0);
    }
}
