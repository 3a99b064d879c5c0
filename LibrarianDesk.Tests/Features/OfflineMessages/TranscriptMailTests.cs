using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.OfflineMessages;

public sealed class TranscriptMailTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<string> MailToAsync(string address)
    {
        var folder = Path.Combine(app.DataDirectory, "mail-pickup");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            await app.Service<OutboxSender>().SendDueAsync(Cancel);
            var found = Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.eml").Select(File.ReadAllText).FirstOrDefault(m => m.Contains(address, StringComparison.Ordinal))
                : null;
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    [Fact]
    public async Task A_patron_who_asked_gets_the_transcript_after_the_close_with_every_message_and_no_internal_note()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync("Apakah ada peta Hindia Belanda tahun 1900?", "Yuliana Kusuma");
        var chat = app.Service<ChatService>();
        await chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Ada, koleksi peta nomor 12.");
        await chat.AddNoteAsync(app.LibrarianId, started.ConversationId, "RAHASIA: cek ulang katalog lama");
        await patron.InvokeAsync(PatronHubContract.Methods.RequestTranscript,
            new TranscriptRequest(started.ConversationId, started.PatronToken, "yuliana.transcript@contoh.id"));

        await chat.CloseByLibrarianAsync(app.LibrarianId, started.ConversationId, patron.Hello.QuestionTypes[0].Id, 2);

        var mail = await MailToAsync("yuliana.transcript@contoh.id");
        mail.Should().Contain("Ada, koleksi peta nomor 12.").And.Contain("Sari Wulandari").And.Contain("WIB");
        mail.Should().NotContain("RAHASIA");
    }

    [Fact]
    public async Task A_supervisors_transcript_template_writes_the_transcript_mail()
    {
        var templates = app.Service<MailTemplateStore>();
        var supervisor = new LibrarianDesk.Features.Audit.AuditActor(app.LibrarianId, "Supervisor");
        (await templates.SaveAsync(supervisor, MailTemplateKinds.Transcript, "id", "Transkrip untuk {PatronName}", "{Transcript}\n-- {LibraryName}")).Should().BeEmpty();
        try
        {
            await using var patron = await PatronClient.ConnectAsync(app);
            var started = await patron.StartAsync("Apakah ada arsip majalah Panji Masyarakat?", "Bima Sakti");
            var chat = app.Service<ChatService>();
            await chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Ada, di lantai 7.");
            await patron.InvokeAsync(PatronHubContract.Methods.RequestTranscript,
                new TranscriptRequest(started.ConversationId, started.PatronToken, "bima.transcript@contoh.id"));
            await chat.CloseByLibrarianAsync(app.LibrarianId, started.ConversationId, patron.Hello.QuestionTypes[0].Id, 2);

            var mail = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(await MailToAsync("bima.transcript@contoh.id"))), Cancel);
            mail.Subject.Should().Be("Transkrip untuk Bima Sakti");
            mail.TextBody.Should().Contain("Ada, di lantai 7.").And.EndWith("-- Perpustakaan Nasional RI\n");
        }
        finally
        {
            await templates.ResetAsync(supervisor, MailTemplateKinds.Transcript, "id");
        }
    }
}
