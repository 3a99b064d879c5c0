using System.Net;
using Bunit;
using LibrarianDesk.Features.CannedResponses;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Features.History;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Features.OfflineMessages;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Features.Conversations;

/// <summary>
/// A handover is visible: one desk line, written with the transfer, that the patron reads as "Anda sekarang
/// dilayani oleh Budi" (live, after a reconnect, in the transcript mail) and the team as "Percakapan dialihkan
/// ke Budi" (workspace, history, download).
/// </summary>
public sealed class TransferLineTests : LiveDeskComponentTest, IClassFixture<SmtpOpenDeskApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly SmtpOpenDeskApp app;

    public TransferLineTests(SmtpOpenDeskApp app)
        : base(app)
    {
        this.app = app;
        Services.AddSingleton(app.Service<CannedResponseService>());
        SignInAsAccount(app.LibrarianId, "Sari Wulandari", DeskRoles.Librarian);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    private LibrarianChat Chat => app.Service<LibrarianChat>();

    private async Task<string> ColleagueAsync() =>
        (await StaffAccounts.CreateAsync(app, $"{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], "Budi Santoso")).Id;

    /// <summary>A conversation Sari has answered, started with an address of its own (for its transcript mail).</summary>
    private async Task<StartConversationResponse> AnsweredAsync(PatronClient patron, string? email = null)
    {
        var started = await patron.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation, new StartConversationRequest(
            "Yuliana Kusuma", email ?? OfflineDesk.UniqueEmail("yuliana"), null, patron.Hello.QuestionTypes[0].Id,
            "Apakah ada peta Hindia Belanda tahun 1900?", PatronClient.NewMessageId()));
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Saya alihkan ke rekan bagian peta.");
        return started;
    }

    private static async Task<PatronMessage> NextFromDeskAsync(PatronClient patron)
    {
        while (true)
        {
            var message = await PatronClient.NextAsync(patron.Messages);
            if (message.Author == PatronMessage.FromSystem)
            {
                return message;
            }
        }
    }

    private static Task<ResumeResponse> ResumeAsync(PatronClient patron, StartConversationResponse started, int afterSequence) =>
        patron.InvokeAsync<ResumeResponse>(PatronHubContract.Methods.Resume, new ResumeRequest(started.ConversationId, started.PatronToken, afterSequence));

    private async Task<List<ChatMessage>> StoredLinesAsync(Guid conversationId)
    {
        await using var db = app.CreateDbContext();
        return await db.ChatMessages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.Sequence).ToListAsync(Cancel);
    }

    [Theory]
    [InlineData("id", "Anda sekarang dilayani oleh Budi Santoso")]
    [InlineData("en", "You are now being helped by Budi Santoso")]
    public async Task The_patron_is_told_live_who_helps_now_and_reads_it_again_after_a_reload(string language, string told)
    {
        await using var patron = await PatronClient.ConnectAsync(app, language);
        var started = await AnsweredAsync(patron);
        var budi = await ColleagueAsync();

        await Chat.TransferAsync(app.LibrarianId, started.ConversationId, budi, "Penerbit baru, belum punya akun.");

        (await NextFromDeskAsync(patron)).Should().BeEquivalentTo(new { Sequence = 3, Text = told, AuthorName = (string?)null });
        await using var reloaded = await PatronClient.ConnectAsync(app, language);
        var history = await ResumeAsync(reloaded, started, 0);
        history.Messages.Select(m => (m.Sequence, m.Author, m.Text)).Should().Equal(
            (1, PatronMessage.FromPatron, "Apakah ada peta Hindia Belanda tahun 1900?"),
            (2, PatronMessage.FromLibrarian, "Saya alihkan ke rekan bagian peta."),
            (3, PatronMessage.FromSystem, told));
        history.LibrarianName.Should().Be("Budi Santoso");
        (await ResumeAsync(reloaded, started, 2)).Messages.Should().ContainSingle().Which.Text.Should().Be(told, "a reconnect fetches what it missed");
        (await StoredLinesAsync(started.ConversationId)).Should().Contain(m => m.Author == MessageAuthor.Note && m.Sequence == 4,
            "the note for the colleague is kept, for the team only");
    }

    [Theory]
    [InlineData("id", "Percakapan dialihkan ke Budi Santoso", "Sistem", "Catatan Internal · Sari Wulandari")]
    [InlineData("en", "Conversation transferred to Budi Santoso", "System", "Internal note · Sari Wulandari")]
    public async Task The_team_sees_the_handover_and_its_note_in_the_open_workspace_as_it_happens(string language, string handedOn, string desk, string noteBy)
    {
        UseLanguage(language);
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await AnsweredAsync(patron);
        var budi = await ColleagueAsync();
        var page = Render<ConversationPage>(p => p.Add(c => c.Id, started.ConversationId));
        page.WaitForAssertion(() => page.FindAll("[data-testid=transcript-line]").Should().HaveCount(2), Patience);

        await Chat.TransferAsync(app.LibrarianId, started.ConversationId, budi, "Penerbit baru, belum punya akun.");

        page.WaitForAssertion(() => page.FindAll("[data-testid=transcript-line]").Should().HaveCount(4), Patience);
        var handover = page.Find("[data-testid=transcript-line][data-author=system]");
        handover.QuerySelector(".desk-line-text")!.TextContent.Should().Be(handedOn);
        handover.QuerySelector(".desk-line-meta")!.TextContent.Should().StartWith(desk);
        page.Find("[data-testid=transcript-line][data-author=note]").TextContent.Should()
            .Contain(noteBy).And.Contain("Penerbit baru, belum punya akun.");
    }

    [Fact]
    public async Task The_history_transcript_its_download_and_the_patrons_transcript_mail_record_the_handover()
    {
        var email = OfflineDesk.UniqueEmail("yuliana.alih");
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await AnsweredAsync(patron, email);
        await patron.InvokeAsync(PatronHubContract.Methods.RequestTranscript, new TranscriptRequest(started.ConversationId, started.PatronToken, email));
        var budi = await ColleagueAsync();
        await Chat.TransferAsync(app.LibrarianId, started.ConversationId, budi, "RAHASIA: penerbit belum punya akun.");
        await Chat.ReplyAsync(budi, started.ConversationId, "Halo, saya Budi, saya lanjutkan.");

        await Chat.CloseByLibrarianAsync(budi, started.ConversationId, patron.Hello.QuestionTypes[0].Id, 2);

        (await app.Service<OutboxSender>().SendDueAsync(Cancel)).Should().Be(1);
        var mail = app.Smtp.Received.Should().ContainSingle(m => m.To.Mailboxes.Any(t => t.Address == email)).Subject;
        mail.TextBody.Should().ContainAll("Saya alihkan ke rekan bagian peta.", "Anda sekarang dilayani oleh Budi Santoso", "Halo, saya Budi, saya lanjutkan.");
        mail.HtmlBody.Should().Contain("Anda sekarang dilayani oleh Budi Santoso");
        (mail.TextBody + mail.HtmlBody).Should().NotContain("RAHASIA", "the note is the team's").And.NotContain("dialihkan", "the patron reads the patron's words");

        var page = Render<HistoryTranscriptPage>(p => p.Add(c => c.Id, started.ConversationId));
        page.WaitForAssertion(() => page.FindAll("[data-testid=transcript-line]").Should().HaveCount(5), Patience);
        page.Find("[data-testid=transcript]").TextContent.Should()
            .Contain("Percakapan dialihkan ke Budi Santoso").And.Contain("RAHASIA: penerbit belum punya akun.");

        using var client = app.CreateBrowserClient();
        await SignIn.AsAsync(client, OpenDeskApp.LibrarianEmail, DeskApp.StaffPassword);
        var response = await client.GetAsync(HistoryEndpoints.TranscriptPath(started.ConversationId), Cancel);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Cancel)).Should().ContainAll(
            "Percakapan dialihkan ke Budi Santoso", "Catatan Internal · Sari Wulandari", "RAHASIA: penerbit belum punya akun.");
    }

    [Fact]
    public async Task A_handover_sent_twice_or_twice_at_once_writes_one_line_and_tells_the_patron_once()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await AnsweredAsync(patron);
        var budi = await ColleagueAsync();

        await Task.WhenAll(
            Chat.TransferAsync(app.LibrarianId, started.ConversationId, budi, null),
            Chat.TransferAsync(app.LibrarianId, started.ConversationId, budi, null));
        await Chat.TransferAsync(app.LibrarianId, started.ConversationId, budi, null);
        await Chat.ReplyAsync(budi, started.ConversationId, "Halo, saya Budi.");

        var pushed = new List<PatronMessage>();
        while (pushed.LastOrDefault()?.AuthorName != "Budi Santoso")
        {
            pushed.Add(await PatronClient.NextAsync(patron.Messages));
        }

        pushed.Where(m => m.Author == PatronMessage.FromSystem).Select(m => m.Sequence).Should().Equal([3], "one desk line was pushed, before Budi's reply");
        (await StoredLinesAsync(started.ConversationId)).Select(m => m.Author).Should().Equal(
            MessageAuthor.Patron, MessageAuthor.Librarian, MessageAuthor.System, MessageAuthor.Librarian);
    }

    [Fact]
    public async Task A_handover_with_an_overlong_note_or_to_nobody_is_refused_and_changes_nothing()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await AnsweredAsync(patron);
        var budi = await ColleagueAsync();

        var overlong = () => Chat.TransferAsync(app.LibrarianId, started.ConversationId, budi, new string('a', ChatMessage.MaxTextLength + 1));
        var toNobody = () => Chat.TransferAsync(app.LibrarianId, started.ConversationId, Guid.NewGuid().ToString(), null);

        (await overlong.Should().ThrowAsync<ConversationRuleException>()).Which.Code.Should().Be(ChatMessage.MessageTooLong);
        await toNobody.Should().ThrowAsync<NotALibrarianException>();
        (await StoredLinesAsync(started.ConversationId)).Should().HaveCount(2);
        await using var db = app.CreateDbContext();
        (await db.Conversations.SingleAsync(c => c.Id == started.ConversationId, Cancel))
            .Should().BeEquivalentTo(new { OwnerId = app.LibrarianId, LastSequence = 2 });
    }
}
