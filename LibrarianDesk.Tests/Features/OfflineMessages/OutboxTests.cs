using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MimeKit;

namespace LibrarianDesk.Tests.Features.OfflineMessages;

/// <summary>The outbox with a transport that can be made to fail, on a clock the test moves; the background sender is off.</summary>
public sealed class OutboxTests(OutboxTests.FlakyMailDeskApp app) : IClassFixture<OutboxTests.FlakyMailDeskApp>
{
    public sealed class FlakyMailDeskApp : OfflineDeskApp
    {
        public AdjustableClock Clock { get; } = new(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));

        protected override TimeProvider Time => Clock;

        public SwitchableTransport Transport { get; } = new();

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:Mail:LibraryMailbox"] = "",
            ["Desk:Mail:SendInBackground"] = "false",
            ["Desk:Mail:FirstRetrySeconds"] = "60",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IMailTransport>(Transport)));
        }
    }

    /// <summary>A transport that refuses while <see cref="IsDown"/>, and records what it delivered.</summary>
    public sealed class SwitchableTransport : IMailTransport
    {
        public bool IsDown { get; set; }

        public List<MimeMessage> Delivered { get; } = [];

        public Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            if (IsDown)
            {
                throw new IOException("Connection refused: the SMTP server is down");
            }

            lock (Delivered)
            {
                Delivered.Add(message);
            }

            return Task.CompletedTask;
        }
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Failed deliveries are a supervisor's or an IT admin's to retry and discard.</summary>
    private Task<AuditActor> AdministratorAsync() => StaffAccounts.ActorAsync(app, "Agus Setiawan", DeskRoles.ItAdmin);

    [Fact]
    public async Task A_failed_delivery_stays_in_the_outbox_with_its_error_and_goes_out_after_the_backoff_once_the_server_is_back()
    {
        var email = OfflineDesk.UniqueEmail("tertunda");
        var id = await OfflineDesk.LeaveMessageAsync(app, email);
        app.Transport.IsDown = true;
        (await app.Service<OfflineMessageService>().ReplyAsync(app.Librarian, id, "Balasan yang tertunda.")).Should().BeEmpty();
        var sender = app.Service<OutboxSender>();

        (await sender.SendDueAsync(Cancel)).Should().Be(0);
        var failed = await MailAsync(id);
        failed.SentAt.Should().BeNull();
        failed.Attempts.Should().Be(1);
        failed.LastError.Should().Contain("the SMTP server is down");
        failed.NextAttemptAt.Should().Be(failed.CreatedAt + TimeSpan.FromSeconds(60));

        app.Transport.IsDown = false;
        (await sender.SendDueAsync(Cancel)).Should().Be(0, "the mail waits out its backoff");

        app.Clock.Set(app.Clock.GetUtcNow().AddMinutes(2));
        (await sender.SendDueAsync(Cancel)).Should().Be(1);
        var sent = await MailAsync(id);
        sent.SentAt.Should().NotBeNull();
        sent.Attempts.Should().Be(2);
        sent.LastError.Should().BeNull();
        app.Transport.Delivered.Should().Contain(m => m.To.Mailboxes.Single().Address == email && (m.TextBody ?? "").Contains("Balasan yang tertunda.", StringComparison.Ordinal));
    }

    [Fact]
    public void The_pause_between_attempts_doubles_up_to_the_maximum()
    {
        var settings = new MailOptions { FirstRetrySeconds = 60, MaxRetrySeconds = 3600 };
        Enumerable.Range(1, 8).Select(n => OutboxSender.RetryDelay(n, settings).TotalSeconds)
            .Should().Equal(60, 120, 240, 480, 960, 1920, 3600, 3600);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bukan alamat")]
    [InlineData("siti@contoh.id\r\nBcc: spy@evil.test")]
    [InlineData("Siti <siti@contoh.id>")]
    public async Task An_invalid_address_is_refused_with_a_clear_message_and_nothing_is_queued(string address)
    {
        await using var db = app.CreateDbContext();
        var enqueue = () => app.Service<Outbox>().Enqueue(db, address, "Subjek", "Isi", null, OutboxMailKinds.OfflineReply);

        enqueue.Should().Throw<InvalidMailAddressException>().WithMessage("*is not a valid email address*");
        db.ChangeTracker.Entries<OutboxMail>().Should().BeEmpty();
    }

    [Fact]
    public async Task A_line_break_in_a_subject_is_flattened_before_it_reaches_a_header()
    {
        await using var db = app.CreateDbContext();
        var mail = app.Service<Outbox>().Enqueue(
            db, "siti@contoh.id", "Halo\r\nBcc: spy@evil.test", "Isi", null, OutboxMailKinds.OfflineReply);

        mail.Subject.Should().Be("Halo Bcc: spy@evil.test");
        using var stream = new MemoryStream();
        await OutboxSender.ToMime(mail, new MailOptions()).WriteToAsync(stream, Cancel);
        var raw = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        raw.Split('\n').Should().NotContain(line => line.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_administrator_sees_failed_deliveries_with_their_error_retries_one_now_and_discards_another()
    {
        var deliveries = app.Service<FailedDeliveries>();
        var sender = app.Service<OutboxSender>();
        var toRetry = await OfflineDesk.LeaveMessageAsync(app, OfflineDesk.UniqueEmail("cobalagi"));
        var toDiscardEmail = OfflineDesk.UniqueEmail("buang");
        var toDiscard = await OfflineDesk.LeaveMessageAsync(app, toDiscardEmail);
        app.Transport.IsDown = true;
        await app.Service<OfflineMessageService>().ReplyAsync(app.Librarian, toRetry, "Dicoba lagi sekarang.");
        await app.Service<OfflineMessageService>().ReplyAsync(app.Librarian, toDiscard, "Tidak perlu dikirim.");
        var countBefore = await deliveries.CountAsync(Cancel);
        await sender.SendDueAsync(Cancel);
        var retryMail = await MailAsync(toRetry);
        var discardMail = await MailAsync(toDiscard);

        var listed = await deliveries.ListAsync(await AdministratorAsync(), Cancel);
        listed.Should().ContainEquivalentOf(new
        {
            retryMail.Id, retryMail.To, Kind = OutboxMailKinds.OfflineReply, Attempts = 1, GaveUp = false,
            NextAttemptAt = retryMail.CreatedAt + TimeSpan.FromSeconds(60),
        }).Which.LastError.Should().Contain("the SMTP server is down");
        listed.Should().Contain(d => d.Id == discardMail.Id);
        (await deliveries.CountAsync(Cancel)).Should().Be(countBefore + 2);

        app.Transport.IsDown = false;
        (await deliveries.RetryNowAsync(await AdministratorAsync(), retryMail.Id)).Should().BeNull();
        (await sender.SendDueAsync(Cancel)).Should().Be(1, "only the mail retried now is due; the other waits out its backoff");
        (await MailAsync(toRetry)).SentAt.Should().NotBeNull();

        (await deliveries.DiscardAsync(await AdministratorAsync(), discardMail.Id)).Should().BeNull();
        app.Clock.Set(app.Clock.GetUtcNow().AddHours(2));
        await sender.SendDueAsync(Cancel);
        app.Transport.Delivered.Should().NotContain(m => m.To.Mailboxes.Single().Address == toDiscardEmail);
        (await MailAsync(toDiscard)).DiscardedAt.Should().NotBeNull("a discarded mail is kept on record");
        (await deliveries.ListAsync(await AdministratorAsync(), Cancel)).Should().NotContain(d => d.Id == retryMail.Id || d.Id == discardMail.Id);
        (await deliveries.CountAsync(Cancel)).Should().Be(countBefore);

        (await deliveries.RetryNowAsync(await AdministratorAsync(), retryMail.Id)).Should().Be(FailedDeliveryErrors.AlreadySent);
        (await deliveries.DiscardAsync(await AdministratorAsync(), discardMail.Id)).Should().Be(FailedDeliveryErrors.NotFound);
        await using var db = app.CreateDbContext();
        (await db.AuditEntries.Where(e => e.Target == retryMail.Id.ToString() || e.Target == discardMail.Id.ToString())
                .Select(e => new { e.Action, e.Target }).ToListAsync(Cancel))
            .Should().BeEquivalentTo([
                new { Action = OfflineAuditActions.MailRetried, Target = (string?)retryMail.Id.ToString() },
                new { Action = OfflineAuditActions.MailDiscarded, Target = (string?)discardMail.Id.ToString() },
            ]);
    }

    [Fact]
    public async Task A_mail_that_ran_out_of_attempts_is_shown_as_given_up_and_a_retry_starts_a_new_round()
    {
        var deliveries = app.Service<FailedDeliveries>();
        var sender = app.Service<OutboxSender>();
        var id = await OfflineDesk.LeaveMessageAsync(app, OfflineDesk.UniqueEmail("menyerah"));
        app.Transport.IsDown = true;
        await app.Service<OfflineMessageService>().ReplyAsync(app.Librarian, id, "Akhirnya terkirim.");
        await sender.SendDueAsync(Cancel);
        var mail = await MailAsync(id);
        await using (var db = app.CreateDbContext())
        {
            // A long outage, compressed: the mail has used every attempt.
            await db.OutboxMails.Where(m => m.Id == mail.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.Attempts, new MailOptions().MaxAttempts), Cancel);
        }

        (await deliveries.ListAsync(await AdministratorAsync(), Cancel)).Single(d => d.Id == mail.Id).GaveUp.Should().BeTrue();
        app.Transport.IsDown = false;
        app.Clock.Set(app.Clock.GetUtcNow().AddDays(1));
        await sender.SendDueAsync(Cancel);
        (await MailAsync(id)).SentAt.Should().BeNull("the sender no longer tries a mail that gave up");

        (await deliveries.RetryNowAsync(await AdministratorAsync(), mail.Id)).Should().BeNull();
        await sender.SendDueAsync(Cancel);
        (await MailAsync(id)).Should().BeEquivalentTo(new { Attempts = 1, LastError = (string?)null }, o => o.ExcludingMissingMembers());
        (await MailAsync(id)).SentAt.Should().NotBeNull();
    }

    private async Task<OutboxMail> MailAsync(Guid offlineMessageId)
    {
        await using var db = app.CreateDbContext();
        return await db.OutboxMails.AsNoTracking().SingleAsync(m => m.RelatedId == offlineMessageId && m.Kind == OutboxMailKinds.OfflineReply, Cancel);
    }
}
