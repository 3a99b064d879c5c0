using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.OfflineMessages;

/// <summary>The desk configured for SMTP, against a real SMTP server in-process; the clock is the test's, the background sender off.</summary>
public sealed class SmtpDeliveryTests(SmtpDeliveryTests.SmtpDeskApp app) : IClassFixture<SmtpDeliveryTests.SmtpDeskApp>
{
    public sealed class SmtpDeskApp : OfflineDeskApp
    {
        public InProcessSmtpServer Smtp { get; } = new();

        public AdjustableClock Clock { get; } = new(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));

        protected override TimeProvider Time => Clock;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(Smtp.DeskSettings)
        {
            ["Desk:Mail:LibraryMailbox"] = LibraryMailbox,
        };


        public override async ValueTask InitializeAsync()
        {
            await Smtp.StartAsync();
            await base.InitializeAsync();
        }

        public override async ValueTask DisposeAsync()
        {
            await Smtp.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<int> SendDueAsync() => app.Service<OutboxSender>().SendDueAsync(Cancel);

    [Fact]
    public async Task An_offline_message_notifies_the_mailbox_and_the_reply_reaches_the_patron_over_SMTP()
    {
        var email = OfflineDesk.UniqueEmail("smtp");
        var id = await OfflineDesk.LeaveMessageAsync(app, email, "Apakah ada layanan penelusuran silsilah?", "Dewi Anggraini");
        await SendDueAsync();
        app.Smtp.Received.Should().Contain(m => m.To.Mailboxes.Any(t => t.Address == OfflineDeskApp.LibraryMailbox)
            && m.Subject == "Pesan luring baru dari Dewi Anggraini");

        (await app.Service<OfflineMessageService>().ReplyAsync(app.Librarian, id, "Ada, silakan datang ke lantai 7.")).Should().BeEmpty();
        (await SendDueAsync()).Should().Be(1);

        var reply = app.Smtp.Received.Should().ContainSingle(m => m.To.Mailboxes.Any(t => t.Address == email)).Subject;
        reply.Subject.Should().Be("Re: Pertanyaan Anda di Tanya Pustakawan");
        reply.From.Mailboxes.Single().Address.Should().Be("tanya@perpusnas.test");
        reply.TextBody.Should().Contain("Ada, silakan datang ke lantai 7.").And.Contain("> Apakah ada layanan penelusuran silsilah?");
    }

    [Fact]
    public async Task With_the_SMTP_server_down_mail_waits_in_the_outbox_and_goes_out_once_it_is_back()
    {
        var email = OfflineDesk.UniqueEmail("padam");
        var id = await OfflineDesk.LeaveMessageAsync(app, email, "Server sedang padam?");
        await SendDueAsync();
        await app.Smtp.StopAsync();
        try
        {
            (await app.Service<OfflineMessageService>().ReplyAsync(app.Librarian, id, "Balasan saat server padam.")).Should().BeEmpty();
            (await SendDueAsync()).Should().Be(0);

            await using (var db = app.CreateDbContext())
            {
                var waiting = await db.OutboxMails.AsNoTracking().SingleAsync(m => m.RelatedId == id && m.Kind == OutboxMailKinds.OfflineReply, Cancel);
                waiting.SentAt.Should().BeNull();
                waiting.Attempts.Should().Be(1);
                waiting.LastError.Should().NotBeNullOrWhiteSpace();
            }
        }
        finally
        {
            await app.Smtp.StartAsync();
        }

        app.Clock.Set(app.Clock.GetUtcNow().AddHours(1));
        (await SendDueAsync()).Should().Be(1);
        app.Smtp.Received.Should().ContainSingle(m => m.To.Mailboxes.Any(t => t.Address == email))
            .Which.TextBody.Should().Contain("Balasan saat server padam.");
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_keeps_the_mail_in_the_outbox_with_the_servers_answer_for_the_administrator()
    {
        var email = OfflineDesk.UniqueEmail("ditolak");
        var id = await OfflineDesk.LeaveMessageAsync(app, email, "Alamat saya ditolak server?");
        app.Smtp.RefusedRecipients[email] = true;
        try
        {
            (await app.Service<OfflineMessageService>().ReplyAsync(app.Librarian, id, "Balasan yang ditolak.")).Should().BeEmpty();
            await SendDueAsync();

            var failed = (await app.Service<FailedDeliveries>().ListAsync(AuditActor.System, Cancel)).Should().ContainSingle(d => d.To == email).Subject;
            failed.Attempts.Should().Be(1);
            failed.LastError.Should().StartWith("SmtpCommandException").And.Contain("550");
            app.Smtp.Received.Should().NotContain(m => m.To.Mailboxes.Any(t => t.Address == email));
        }
        finally
        {
            app.Smtp.RefusedRecipients.TryRemove(email, out _);
        }

        app.Clock.Set(app.Clock.GetUtcNow().AddHours(1));
        await SendDueAsync();
        app.Smtp.Received.Should().ContainSingle(m => m.To.Mailboxes.Any(t => t.Address == email));
    }
}
