using LibrarianDesk.Features.Mail;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.OfflineMessages;

public sealed class TranscriptMailTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private LibrarianChat Chat => app.Service<LibrarianChat>();

    private PatronChat Patron => app.Service<PatronChat>();

    private string PickupFolder => Path.Combine(app.DataDirectory, "mail-pickup");

    private async Task<string> MailToAsync(string address)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            await app.Service<OutboxSender>().SendDueAsync(Cancel);
            var found = Directory.Exists(PickupFolder)
                ? Directory.GetFiles(PickupFolder, "*.eml").Select(File.ReadAllText).FirstOrDefault(m => m.Contains(address, StringComparison.Ordinal))
                : null;
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private static Task<StartConversationResponse> StartAsync(
        PatronClient patron, string email, string text = "Apakah ada peta Hindia Belanda tahun 1900?", string name = "Yuliana Kusuma") =>
        patron.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation,
            new StartConversationRequest(name, email, null, patron.Hello.QuestionTypes[0].Id, text, PatronClient.NewMessageId()));

    private static Task RequestTranscriptAsync(PatronClient patron, StartConversationResponse started, string email) =>
        patron.InvokeAsync(PatronHubContract.Methods.RequestTranscript, new TranscriptRequest(started.ConversationId, started.PatronToken, email));

    private static async Task<string> RefusalAsync(Func<Task> call) =>
        (await call.Should().ThrowAsync<HubException>()).Which.Error();

    /// <summary>Every call publishes after its commit and the mailer handles the event inside the publish, so this is final once the call returned.</summary>
    private async Task<List<OutboxMail>> TranscriptsQueuedAsync(Guid conversationId)
    {
        await using var db = app.CreateDbContext();
        return await db.OutboxMails.AsNoTracking()
            .Where(m => m.Kind == OutboxMailKinds.Transcript && m.RelatedId == conversationId).ToListAsync(Cancel);
    }

    private async Task<int> TranscriptsSentToAsync(string address)
    {
        await app.Service<OutboxSender>().SendDueAsync(Cancel);
        return OfflineDesk.MailsTo(PickupFolder, address).Count;
    }

    private async Task CloseAsync(PatronClient patron, StartConversationResponse started) =>
        await Chat.CloseByLibrarianAsync(app.LibrarianId, started.ConversationId, patron.Hello.QuestionTypes[0].Id, 2);

    [Fact]
    public async Task A_patron_who_asked_gets_the_transcript_after_the_close_with_every_message_and_no_internal_note()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await StartAsync(patron, "yuliana.transcript@contoh.id");
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Ada, koleksi peta nomor 12.");
        await Chat.AddNoteAsync(app.LibrarianId, started.ConversationId, "RAHASIA: cek ulang katalog lama");
        await RequestTranscriptAsync(patron, started, "yuliana.transcript@contoh.id");

        await CloseAsync(patron, started);

        var mail = await MailToAsync("yuliana.transcript@contoh.id");
        mail.Should().Contain("Ada, koleksi peta nomor 12.").And.Contain("Sari Wulandari").And.Contain("WIB");
        mail.Should().NotContain("RAHASIA");
    }

    [Fact]
    public async Task A_supervisors_transcript_template_writes_the_transcript_mail()
    {
        var templates = app.Service<MailTemplateStore>();
        var supervisor = await StaffAccounts.ActorAsync(app, "Supervisor Transkrip", DeskRoles.Supervisor);
        (await templates.SaveAsync(supervisor, MailTemplateKinds.Transcript, "id", "Transkrip untuk {PatronName}", "{Transcript}\n-- {LibraryName}")).Should().BeEmpty();
        try
        {
            await using var patron = await PatronClient.ConnectAsync(app);
            var started = await StartAsync(patron, "bima.transcript@contoh.id", "Apakah ada arsip majalah Panji Masyarakat?", "Bima Sakti");
            await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Ada, di lantai 7.");
            await RequestTranscriptAsync(patron, started, "bima.transcript@contoh.id");
            await CloseAsync(patron, started);

            var mail = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(await MailToAsync("bima.transcript@contoh.id"))), Cancel);
            mail.Subject.Should().Be("Transkrip untuk Bima Sakti");
            mail.TextBody.Should().Contain("Ada, di lantai 7.").And.EndWith("-- Perpustakaan Nasional RI\n");
        }
        finally
        {
            await templates.ResetAsync(supervisor, MailTemplateKinds.Transcript, "id");
        }
    }

    [Fact]
    public async Task A_transcript_to_another_address_than_the_start_address_is_refused_and_nothing_goes_to_the_stranger()
    {
        var own = OfflineDesk.UniqueEmail("pemilik");
        var stranger = OfflineDesk.UniqueEmail("orang.lain");
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await StartAsync(patron, own, "Menangkan hadiah! Klik http://evil.example/hadiah");
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Ada yang bisa kami bantu?");
        await CloseAsync(patron, started);

        (await RefusalAsync(() => RequestTranscriptAsync(patron, started, stranger)))
            .Should().Be("validation: Transkrip hanya dapat dikirim ke alamat email yang Anda isi saat memulai percakapan.");
        (await TranscriptsQueuedAsync(started.ConversationId)).Should().BeEmpty();
        (await TranscriptsSentToAsync(stranger)).Should().Be(0);

        // The start address itself, however it is capitalised or padded, is the one that works.
        await RequestTranscriptAsync(patron, started, "  " + own.ToUpperInvariant() + " ");
        (await TranscriptsQueuedAsync(started.ConversationId)).Should().ContainSingle().Which.To.Should().Be(own);
    }

    [Fact]
    public async Task An_english_patron_is_refused_in_english()
    {
        await using var patron = await PatronClient.ConnectAsync(app, "en");
        var started = await StartAsync(patron, OfflineDesk.UniqueEmail("john"));

        (await RefusalAsync(() => RequestTranscriptAsync(patron, started, OfflineDesk.UniqueEmail("stranger"))))
            .Should().Be("validation: The transcript can only be sent to the email address you gave when starting the conversation.");
    }

    [Fact]
    public async Task A_conversation_started_without_an_email_address_gets_no_transcript()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await Patron.StartFromGreetingAsync(
            new GreetingAnswer($"visitor-{Guid.NewGuid():N}", app.LibrarianId, "Selamat datang, ada yang bisa dibantu?", "Pengunjung", null, null,
                "Ya, saya cari buku resep.", PatronClient.NewMessageId(), null),
            "id");
        await CloseAsync(patron, started);

        (await RefusalAsync(() => RequestTranscriptAsync(patron, started, OfflineDesk.UniqueEmail("siapa.saja"))))
            .Should().Be("validation: Transkrip tidak dapat dikirim karena Anda tidak mengisi alamat email saat memulai percakapan.");
        (await TranscriptsQueuedAsync(started.ConversationId)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_ended_conversation_no_librarian_wrote_in_is_refused_and_nothing_is_sent()
    {
        var own = OfflineDesk.UniqueEmail("tanpa.jawaban");
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await StartAsync(patron, own, "Teks apa saja yang ingin dikirim oleh perpustakaan.");
        await patron.InvokeAsync(PatronHubContract.Methods.EndConversation, new ConversationKey(started.ConversationId, started.PatronToken));

        (await RefusalAsync(() => RequestTranscriptAsync(patron, started, own)))
            .Should().Be("validation: Transkrip hanya dikirim untuk percakapan yang dijawab pustakawan. Percakapan ini belum dijawab.");
        (await TranscriptsQueuedAsync(started.ConversationId)).Should().BeEmpty();
        (await TranscriptsSentToAsync(own)).Should().Be(0);
    }

    [Fact]
    public async Task A_transcript_asked_for_while_open_is_not_sent_when_only_internal_notes_were_written()
    {
        var own = OfflineDesk.UniqueEmail("hanya.catatan");
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await StartAsync(patron, own, "Teks apa saja yang ingin dikirim oleh perpustakaan.");
        await RequestTranscriptAsync(patron, started, own);
        await Chat.ClaimAsync(app.LibrarianId, started.ConversationId);
        await Chat.AddNoteAsync(app.LibrarianId, started.ConversationId, "Catatan internal, bukan jawaban.");

        await patron.InvokeAsync(PatronHubContract.Methods.EndConversation, new ConversationKey(started.ConversationId, started.PatronToken));

        (await TranscriptsQueuedAsync(started.ConversationId)).Should().BeEmpty();
        (await TranscriptsSentToAsync(own)).Should().Be(0);
    }

    [Fact]
    public async Task With_a_librarians_reply_the_transcript_goes_to_the_start_address_once_however_often_and_at_once_it_is_asked()
    {
        var own = OfflineDesk.UniqueEmail("sekali");
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await StartAsync(patron, own, "Menang hadiah di evil.example", "Menang hadiah di evil.example");
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Silakan jelaskan pertanyaan Anda.");
        await CloseAsync(patron, started);

        // Several tabs asking at the same moment (a patron's connection runs its calls one at a time, so straight to the service).
        var request = new TranscriptRequest(started.ConversationId, started.PatronToken, own);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Patron.RequestTranscriptAsync(request), Cancel)));
        await RequestTranscriptAsync(patron, started, own);

        (await TranscriptsQueuedAsync(started.ConversationId)).Should().ContainSingle().Which.To.Should().Be(own);
        await MailToAsync(own);
        var (mail, _) = OfflineDesk.MailsTo(PickupFolder, own).Should().ContainSingle().Subject;
        mail.TextBody.Should().Contain("Silakan jelaskan pertanyaan Anda.");
    }

    [Fact]
    public async Task The_transcript_mail_is_addressed_to_the_bare_address_without_the_patrons_name()
    {
        var own = OfflineDesk.UniqueEmail("nama.bebas");
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await StartAsync(patron, own, "Halo", "Menang hadiah di evil.example");
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Halo juga.");
        await CloseAsync(patron, started);
        await RequestTranscriptAsync(patron, started, own);

        await MailToAsync(own);
        var (mail, raw) = OfflineDesk.MailsTo(PickupFolder, own).Should().ContainSingle().Subject;
        mail.To.Mailboxes.Should().ContainSingle().Which.Name.Should().BeNullOrEmpty();
        var lines = raw.Replace("\r\n", "\n", StringComparison.Ordinal);
        lines[..lines.IndexOf("\n\n", StringComparison.Ordinal)].Should().NotContain("evil.example", "no header carries the patron's name");
        raw.Split('\n').Should().Contain(line => line.TrimEnd('\r') == "To: " + own);
    }

    [Fact]
    public async Task One_address_gets_at_most_five_transcripts_a_day_and_the_patron_is_told_beyond()
    {
        var own = OfflineDesk.UniqueEmail("banyak");
        await using var patron = await PatronClient.ConnectAsync(app);
        async Task<StartConversationResponse> AnsweredAsync()
        {
            var started = await StartAsync(patron, own, "Pertanyaan berikutnya.");
            await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Jawaban pustakawan.");
            return started;
        }

        for (var i = 0; i < 4; i++)
        {
            var started = await AnsweredAsync();
            await CloseAsync(patron, started);
            await RequestTranscriptAsync(patron, started, own);
        }

        // Two asked for while open, with one transcript left: the first to end takes it, the other gets none.
        var fifth = await AnsweredAsync();
        var sixth = await AnsweredAsync();
        await RequestTranscriptAsync(patron, fifth, own);
        await RequestTranscriptAsync(patron, sixth, own);
        await CloseAsync(patron, fifth);
        await CloseAsync(patron, sixth);
        (await TranscriptsQueuedAsync(fifth.ConversationId)).Should().ContainSingle();
        (await TranscriptsQueuedAsync(sixth.ConversationId)).Should().BeEmpty();

        var seventh = await AnsweredAsync();
        await CloseAsync(patron, seventh);
        (await RefusalAsync(() => RequestTranscriptAsync(patron, seventh, own)))
            .Should().Be("validation: Alamat email ini sudah menerima 5 transkrip dalam 24 jam terakhir. Silakan coba lagi besok.");
        (await TranscriptsQueuedAsync(seventh.ConversationId)).Should().BeEmpty();

        (await TranscriptsSentToAsync(own)).Should().Be(5);
    }
}
