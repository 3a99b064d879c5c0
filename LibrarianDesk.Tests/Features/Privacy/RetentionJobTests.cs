using LibrarianDesk.Features.Analytics;
using LibrarianDesk.Features.Attachments;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Features.History;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Shared.Privacy;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Shared.Visitors;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Privacy;

/// <summary>The retention job on a desk whose clock the tests move over two years; every row made through the desk's own services.</summary>
public sealed class RetentionJobTests(RetentionJobTests.ClockedDesk app) : IClassFixture<RetentionJobTests.ClockedDesk>
{
    public sealed class ClockedDesk : OpenDeskApp
    {
        public static readonly DateTimeOffset Start = Wib.At(new DateOnly(2026, 12, 7), new TimeOnly(10, 0));

        public AdjustableClock Clock { get; } = new(Start);

        protected override TimeProvider Time => Clock;
    }

    private static readonly AuditActor Supervisor = new(null, "Supervisor in a test");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private RetentionJob Job => app.Service<RetentionJob>();

    /// <summary>Back to the desk's first day with the default settings (and the librarian Online, whom the clock's jumps may have sent Offline).</summary>
    private async Task StartOverAsync(PrivacySettings? settings = null)
    {
        app.Clock.Set(ClockedDesk.Start);
        (await app.Service<PrivacySettingsStore>().SaveAsync(Supervisor, settings ?? PrivacySettings.Default)).Should().BeEmpty();
        await app.Service<PresenceService>().SetAsync(app.LibrarianId, Presence.Online, Cancel);
    }

    private static string Unique(string word) => word + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());

    /// <summary>A whole chat: started by the patron (with an address and a page), answered, closed with a classification, rated with a comment.</summary>
    private async Task<Guid> ChatAsync(string name, string email, string memberNumber, string question, string reply)
    {
        var chat = app.Service<PatronChat>();
        var questionType = (await app.Service<QuestionTypeCatalog>().ActiveAsync())[0].Id;
        var started = (await chat.StartAsync(
            new StartConversationRequest(name, email, memberNumber, questionType, question, PatronClient.NewMessageId(), "https://perpusnas.go.id/koleksi", "visitor-retention"),
            "id", "203.0.113.9")).Response;
        var librarian = app.Service<LibrarianChat>();
        await librarian.ReplyAsync(app.LibrarianId, started.ConversationId, reply);
        await librarian.CloseByLibrarianAsync(app.LibrarianId, started.ConversationId, questionType, 3, ["peta"]);
        await chat.RateAsync(new RateConversationRequest(started.ConversationId, started.PatronToken, 5, $"Terima kasih, salam dari {name}"));
        return started.ConversationId;
    }

    private async Task<Guid> OfflineAsync(string name, string email, string text)
    {
        var questionType = (await app.Service<QuestionTypeCatalog>().ActiveAsync())[0].Id;
        return (await app.Service<OfflineMessageIntake>().LeaveAsync(new OfflineMessageRequest(name, email, "M-5566", questionType, text, "visitor-offline"), "id"))
            .OfflineMessageId;
    }

    private async Task<Conversation> ConversationAsync(Guid id)
    {
        await using var db = app.CreateDbContext();
        return await db.Conversations.AsNoTracking().Include(c => c.Messages).SingleAsync(c => c.Id == id, Cancel);
    }

    private async Task<OfflineMessage> OfflineMessageAsync(Guid id)
    {
        await using var db = app.CreateDbContext();
        return await db.OfflineMessages.AsNoTracking().SingleAsync(m => m.Id == id, Cancel);
    }

    private Task<HistoryResults> SearchAsync(HistoryFilter filter) =>
        app.Service<HistorySearch>().SearchAsync(filter, new HistoryReader(app.LibrarianId), 0, 20, Cancel);

    [Fact]
    public async Task Conversations_offline_messages_and_visits_past_the_retention_age_are_anonymised_and_younger_ones_untouched()
    {
        await StartOverAsync();
        var name = Unique("Wulandari");
        var old = await ChatAsync($"{name} Kusuma", "wulan.kusuma@contoh.id", "M-778899",
            $"Nama saya {name}, email wulan.kusuma@contoh.id, nomor anggota M-778899. Adakah buku fotosintesis?", $"Halo {name}, ada di rak 580.");
        var oldOffline = await OfflineAsync($"{name} Kusuma", "wulan.kusuma@contoh.id", $"Salam, saya {name}. Kapan perpustakaan buka?");
        await using (var db = app.CreateDbContext())
        {
            db.Visits.Add(new Visit { VisitorId = "visitor-retention", StartedAt = ClockedDesk.Start, EndedAt = ClockedDesk.Start.AddMinutes(5), PagesViewed = 3 });
            await db.SaveChangesAsync(Cancel);
        }

        var before = await ConversationAsync(old);

        app.Clock.Set(ClockedDesk.Start.AddMonths(23));
        await app.Service<PresenceService>().SetAsync(app.LibrarianId, Presence.Online, Cancel);
        var young = await ChatAsync("Budi Santoso", "budi.santoso@contoh.id", "M-112233", "Apakah ada arsip koran 1950?", "Halo Budi, ada.");
        var youngOffline = await OfflineAsync("Budi Santoso", "budi.santoso@contoh.id", "Apakah buka hari Minggu?");

        app.Clock.Set(ClockedDesk.Start.AddMonths(24).AddDays(1));
        var run = await Job.RunAsync(Cancel);

        run.Conversations.Should().BeGreaterThanOrEqualTo(1);
        run.OfflineMessages.Should().BeGreaterThanOrEqualTo(1);
        run.Visits.Should().BeGreaterThanOrEqualTo(1);
        var anonymised = await ConversationAsync(old);
        anonymised.Should().BeEquivalentTo(new
        {
            PatronName = "Pemustaka anonim", PatronEmail = (string?)null, ClaimedMemberNumber = (string?)null, PatronIpAddress = (string?)null,
            PageUrl = (string?)null, VisitorId = (string?)null, TranscriptEmail = (string?)null, AnonymisedAt = run.At, TextsDeleted = false,
            RatingComment = "Terima kasih, salam dari Pemustaka anonim",
        });
        anonymised.Should().BeEquivalentTo(before, o => o.Including(c => c.Status).Including(c => c.StartedAt).Including(c => c.ClosedAt)
            .Including(c => c.WaitSeconds).Including(c => c.FirstResponseSeconds).Including(c => c.DurationSeconds).Including(c => c.DurationServiceSeconds)
            .Including(c => c.QuestionTypeId).Including(c => c.ReadScale).Including(c => c.Tags).Including(c => c.Rating).Including(c => c.OwnerId)
            .Including(c => c.Membership).Including(c => c.Language), "every metric and the classification stay");
        var texts = anonymised.Messages.OrderBy(m => m.Sequence).Select(m => m.Text).ToList();
        texts.Should().Equal(
            "Nama saya Pemustaka anonim, email Pemustaka anonim, nomor anggota Pemustaka anonim. Adakah buku fotosintesis?",
            "Halo Pemustaka anonim, ada di rak 580.");

        var offline = await OfflineMessageAsync(oldOffline);
        offline.Should().BeEquivalentTo(new
        {
            Name = "Pemustaka anonim", Email = "", MemberNumber = (string?)null, VisitorId = (string?)null, AnonymisedAt = run.At,
            Text = "Salam, saya Pemustaka anonim. Kapan perpustakaan buka?", Status = OfflineMessageStatus.New,
        });

        (await ConversationAsync(young)).Should().BeEquivalentTo(new
        {
            PatronName = "Budi Santoso", PatronEmail = "budi.santoso@contoh.id", ClaimedMemberNumber = "M-112233", PatronIpAddress = "203.0.113.0/24",
            AnonymisedAt = (DateTimeOffset?)null,
        });
        (await ConversationAsync(young)).Messages.Select(m => m.Text).Should().Contain("Halo Budi, ada.");
        (await OfflineMessageAsync(youngOffline)).Should().BeEquivalentTo(new { Name = "Budi Santoso", Email = "budi.santoso@contoh.id", AnonymisedAt = (DateTimeOffset?)null });

        await using var check = app.CreateDbContext();
        (await check.Visits.AnyAsync(v => v.VisitorId == "visitor-retention", Cancel)).Should().BeFalse("an old visit keeps its counts but not its visitor");
        (await check.Visits.CountAsync(v => v.VisitorId == "" && v.PagesViewed == 3, Cancel)).Should().BeGreaterThanOrEqualTo(1);
        (await check.AuditEntries.Where(a => a.Action == AuditActions.RetentionApplied).Select(a => a.Details).ToListAsync(Cancel))
            .Should().Contain(run.Describe());
        (await Job.LastRunAsync(Cancel)).Should().Be(run);
    }

    [Fact]
    public async Task Analytics_for_an_anonymised_period_give_the_same_numbers_as_before()
    {
        await StartOverAsync();
        await ChatAsync("Rina Marlina", "rina@contoh.id", "M-1", "Apakah ada peta Batavia 1740?", "Halo Rina, ada di ruang peta.");
        await ChatAsync("Joko Susilo", "joko@contoh.id", "M-2", "Bagaimana cara mendaftar anggota?", "Halo Joko, lewat situs web.");
        await OfflineAsync("Ani Lestari", "ani@contoh.id", "Kapan buka?");
        app.Clock.Set(ClockedDesk.Start.AddMonths(25));
        var day = new DateOnly(2026, 12, 7);
        var analytics = app.Service<AnalyticsService>();
        var query = new AnalyticsQuery(day.AddDays(-6), day);
        var before = await analytics.GetReportAsync(query, Cancel);
        before.Current.Conversations.Should().BeGreaterThanOrEqualTo(2, "the period holds the chats");

        (await Job.RunAsync(Cancel)).Conversations.Should().BeGreaterThanOrEqualTo(2);

        (await analytics.GetReportAsync(query, Cancel)).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task History_no_longer_finds_the_scrubbed_name_or_email_but_finds_the_words_while_texts_are_kept_and_not_once_they_are_deleted()
    {
        await StartOverAsync();
        var name = Unique("Sekar");
        var email = $"{name.ToLowerInvariant()}@contoh.id";
        var word = Unique("fotosintesis");
        var id = await ChatAsync($"{name} Ayu", email, "M-4455", $"Saya {name}, email {email}. Cari buku {word}.", $"Halo {name}, buku {word} ada.");
        (await SearchAsync(new HistoryFilter { Text = name })).Hits.Select(h => h.ConversationId).Should().Equal(id);
        (await SearchAsync(new HistoryFilter { Email = email })).Hits.Select(h => h.ConversationId).Should().Equal(id);

        app.Clock.Set(ClockedDesk.Start.AddMonths(25));
        await Job.RunAsync(Cancel);

        (await SearchAsync(new HistoryFilter { Text = name })).Hits.Should().BeEmpty("the name is gone from the row and from the texts");
        (await SearchAsync(new HistoryFilter { Email = email })).Hits.Should().BeEmpty();
        (await SearchAsync(new HistoryFilter { Text = email })).Hits.Should().BeEmpty();
        (await SearchAsync(new HistoryFilter { Text = word })).Hits.Select(h => new { h.ConversationId, h.PatronName })
            .Should().Equal(new { ConversationId = id, PatronName = "Pemustaka anonim" });

        var deleting = PrivacySettings.Default with { DeleteMessageTexts = true };
        (await app.Service<PrivacySettingsStore>().SaveAsync(Supervisor, deleting)).Should().BeEmpty();
        (await Job.RunAsync(Cancel)).Conversations.Should().BeGreaterThanOrEqualTo(1, "texts kept at first are deleted once the setting says so");

        var patronLines = (await ConversationAsync(id)).Messages.Where(m => m.Author == MessageAuthor.Patron).Select(m => m.Text);
        patronLines.Should().Equal("(pesan dihapus)");
        (await ConversationAsync(id)).RatingComment.Should().BeNull();
        (await SearchAsync(new HistoryFilter { Text = $"Cari {word}" })).Hits.Should().BeEmpty("the patron's words are deleted");
        (await SearchAsync(new HistoryFilter { Text = word })).Hits.Select(h => h.ConversationId).Should().Equal([id], "the librarian's reply stays");
    }

    [Fact]
    public async Task A_second_run_changes_nothing()
    {
        await StartOverAsync(PrivacySettings.Default with { DeleteMessageTexts = true });
        var id = await ChatAsync("Dewi Sartika", "dewi.sartika@contoh.id", "M-9", "Ada buku sejarah Bandung?", "Halo Dewi, ada.");
        var offlineId = await OfflineAsync("Dewi Sartika", "dewi.sartika@contoh.id", "Ada buku sejarah Cimahi?");
        app.Clock.Set(ClockedDesk.Start.AddMonths(30));

        var first = await Job.RunAsync(Cancel);
        var conversation = await ConversationAsync(id);
        var offline = await OfflineMessageAsync(offlineId);
        app.Clock.Set(ClockedDesk.Start.AddMonths(30).AddDays(2));
        var second = await Job.RunAsync(Cancel);

        first.Changed.Should().BeTrue();
        second.Should().BeEquivalentTo(new { Conversations = 0, OfflineMessages = 0, Visits = 0, MailBodies = 0, MailAddresses = 0, Changed = false });
        (await ConversationAsync(id)).Should().BeEquivalentTo(conversation);
        (await OfflineMessageAsync(offlineId)).Should().BeEquivalentTo(offline);
        await using var db = app.CreateDbContext();
        (await db.AuditEntries.CountAsync(a => a.Action == AuditActions.RetentionApplied && a.At > first.At, Cancel))
            .Should().Be(0, "a run that changed nothing writes no audit entry");
    }

    [Fact]
    public async Task The_bodies_of_sent_and_discarded_mails_are_deleted_after_their_days_and_a_mail_not_sent_keeps_its_own()
    {
        await StartOverAsync();
        var outbox = app.Service<Outbox>();
        OutboxMail sent, discarded, failing;
        await using (var db = app.CreateDbContext())
        {
            sent = outbox.Enqueue(db, "a@contoh.id", "Balasan", "Isi terkirim", "<p>Isi terkirim</p>", OutboxMailKinds.OfflineReply);
            sent.SentAt = ClockedDesk.Start;
            discarded = outbox.Enqueue(db, "b@contoh.id", "Balasan", "Isi dibuang", null, OutboxMailKinds.OfflineReply);
            discarded.DiscardedAt = ClockedDesk.Start;
            failing = outbox.Enqueue(db, "c@contoh.id", "Balasan", "Isi belum terkirim", "<p>Isi belum terkirim</p>", OutboxMailKinds.OfflineReply);
            failing.Attempts = 1000;
            await db.SaveChangesAsync(Cancel);
        }

        app.Clock.Set(ClockedDesk.Start.AddDays(29));
        await Job.RunAsync(Cancel);
        await using (var db = app.CreateDbContext())
        {
            (await db.OutboxMails.SingleAsync(m => m.Id == sent.Id, Cancel)).TextBody.Should().Be("Isi terkirim", "30 days have not passed");
        }

        app.Clock.Set(ClockedDesk.Start.AddDays(31));
        (await Job.RunAsync(Cancel)).MailBodies.Should().BeGreaterThanOrEqualTo(2);

        await using var check = app.CreateDbContext();
        var mails = await check.OutboxMails.AsNoTracking().Where(m => m.Id == sent.Id || m.Id == discarded.Id || m.Id == failing.Id).ToDictionaryAsync(m => m.Id, Cancel);
        mails[sent.Id].Should().BeEquivalentTo(new { TextBody = "", HtmlBody = (string?)null, To = "a@contoh.id" });
        mails[discarded.Id].Should().BeEquivalentTo(new { TextBody = "", HtmlBody = (string?)null });
        mails[failing.Id].Should().BeEquivalentTo(new { TextBody = "Isi belum terkirim", HtmlBody = "<p>Isi belum terkirim</p>", To = "c@contoh.id" });
    }

    [Fact]
    public async Task Files_go_at_the_retention_age_even_where_the_texts_are_kept()
    {
        await StartOverAsync();
        var chat = app.Service<PatronChat>();
        var files = app.Service<ChatAttachments>();
        var questionType = (await app.Service<QuestionTypeCatalog>().ActiveAsync(Cancel))[0].Id;
        var started = (await chat.StartAsync(
            new StartConversationRequest("Rahmat Hidayat", "rahmat@contoh.id", null, questionType, "Ini foto kartu anggota saya", PatronClient.NewMessageId()), "id")).Response;
        var sent = await files.SendFromPatronAsync(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), "kartu-rahmat.png", Attachments.SampleFiles.Png);
        await app.Service<LibrarianChat>().ReplyAsync(app.LibrarianId, started.ConversationId, "Terima kasih, sudah kami terima.");
        var answer = await files.SendFromLibrarianAsync(app.LibrarianId, started.ConversationId, PatronClient.NewMessageId(), "formulir.pdf", Attachments.SampleFiles.Pdf);
        await app.Service<LibrarianChat>().CloseByLibrarianAsync(app.LibrarianId, started.ConversationId, questionType, 2, ["kartu"]);

        app.Clock.Set(ClockedDesk.Start.AddMonths(24).AddDays(1));
        (await Job.RunAsync(Cancel)).Conversations.Should().BeGreaterThanOrEqualTo(1);

        var after = await ConversationAsync(started.ConversationId);
        var removed = StoredWording.Anonymous.RemovedText;
        after.Messages.Where(m => m.Attachment is not null).Should().HaveCount(2).And.OnlyContain(m =>
            m.Attachment!.Removed && m.Attachment.FileName == removed && m.Text == removed);
        after.Messages.Should().Contain(m => m.Text == "Terima kasih, sudah kami terima.", "the texts are kept: only the files go");
        await using var db = app.CreateDbContext();
        (await db.AttachmentContents.CountAsync(c => c.ConversationId == started.ConversationId, Cancel)).Should().Be(0);
        foreach (var id in new[] { sent.Acknowledgement.Attachment.Id, answer.Acknowledgement.Attachment.Id })
        {
            var gone = await FluentActions.Awaiting(() => files.ForStaffAsync(id)).Should().ThrowAsync<PatronRequestException>();
            gone.Which.Code.Should().Be(PatronHubContract.ErrorCodes.NotFound);
        }
    }
}
