using Bunit;
using LibrarianDesk.Features.CannedResponses;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Shared.Attachments;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LibrarianDesk.Tests.Features.Conversations;

/// <summary>
/// The workspace's attach button against a running desk: shown only to the librarian who has the conversation while
/// it is active. Uploads run in the browser's script (attachments.js), which reports back through the entry points
/// these tests call; the browser tests (DeskAttachmentsBrowserTests) drive the real thing.
/// </summary>
public sealed class WorkspaceAttachTests : LiveDeskComponentTest, IClassFixture<OpenDeskApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly OpenDeskApp app;

    public WorkspaceAttachTests(OpenDeskApp app)
        : base(app)
    {
        this.app = app;
        Services.AddSingleton(app.Service<CannedResponseService>());
        SignInAsAccount(app.LibrarianId, "Sari Wulandari", DeskRoles.Librarian);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task The_librarian_who_has_the_active_conversation_gets_the_attach_button_wired_to_its_upload_address()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        await app.Service<LibrarianChat>().ClaimAsync(app.LibrarianId, started.ConversationId);

        var page = Render<ConversationPage>(p => p.Add(c => c.Id, started.ConversationId));

        var button = page.WaitForElement("[data-testid=desk-attach]", Patience);
        button.GetAttribute("aria-label").Should().Be("Lampirkan berkas");
        page.WaitForAssertion(() => JSInterop.Invocations["attach"].Should().ContainSingle()
            .Which.Arguments[2].Should().BeEquivalentTo(new
            {
                url = $"/desk/conversations/{started.ConversationId}/attachments",
                token = CircuitAntiforgery.Token,
                dropHint = "Lepaskan berkas di sini untuk mengirimnya ke pemustaka",
            }), Patience);
        page.Find("[data-testid=workspace]").HasAttribute("data-attach-drop").Should().BeTrue("files dropped on the pane are sent");
    }

    [Fact]
    public async Task A_waiting_conversation_a_colleagues_and_an_ended_one_have_no_attach_button()
    {
        var colleague = await StaffAccounts.CreateAsync(app, $"{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], "Budi Santoso");
        var chat = app.Service<LibrarianChat>();
        await using var patron = await PatronClient.ConnectAsync(app);
        var waiting = await patron.StartAsync();
        await using var second = await PatronClient.ConnectAsync(app);
        var colleagues = await second.StartAsync();
        await chat.ClaimAsync(colleague.Id, colleagues.ConversationId);
        await using var third = await PatronClient.ConnectAsync(app);
        var ended = await third.StartAsync();
        await chat.ClaimAsync(app.LibrarianId, ended.ConversationId);
        var questionType = await LibrarianDesk.Tests.Features.Queue.Conversations.FirstQuestionTypeAsync(app);
        await chat.CloseByLibrarianAsync(app.LibrarianId, ended.ConversationId, questionType.Id, 3);

        foreach (var (conversation, shows) in new[] { (waiting, "composer"), (colleagues, "composer"), (ended, "workspace-ended") })
        {
            var page = Render<ConversationPage>(p => p.Add(c => c.Id, conversation.ConversationId));
            page.WaitForElement($"[data-testid={shows}]", Patience);
            page.FindAll("[data-testid=desk-attach]").Should().BeEmpty();
        }

        JSInterop.Invocations["attach"].Should().BeEmpty();
    }

    [Fact]
    public async Task A_file_in_the_conversation_shows_as_its_card_in_the_workspace_and_in_the_history_transcript()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        await app.Service<LibrarianChat>().ClaimAsync(app.LibrarianId, started.ConversationId);
        var attachment = MessageAttachment.Of(Guid.NewGuid(), "Daftar pustaka.docx", FileKind.Docx, 52_429);
        await using (var db = app.CreateDbContext())
        {
            var conversation = await db.Conversations.SingleAsync(c => c.Id == started.ConversationId, Xunit.TestContext.Current.CancellationToken);
            conversation.AppendAttachment(MessageAuthor.Patron, null, attachment, DateTimeOffset.UtcNow, null);
            await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        }

        var workspace = Render<ConversationPage>(p => p.Add(c => c.Id, started.ConversationId));
        var history = Render<LibrarianDesk.Features.History.HistoryTranscriptPage>(p => p.Add(c => c.Id, started.ConversationId));

        foreach (var page in new IRenderedComponent<IComponent>[] { workspace, history })
        {
            page.WaitForAssertion(() => page.FindAll("[data-testid=transcript-line]").Should().HaveCount(2), Patience);
            var line = page.FindAll("[data-testid=transcript-line]")[1];
            line.QuerySelector("[data-testid=desk-attachment]")!.GetAttribute("data-kind").Should().Be("file");
            line.QuerySelector("[data-testid=desk-attachment-facts]")!.TextContent.Trim().Should().Be("Dokumen Word · 51,2\u00A0KB");
            line.QuerySelector(".desk-line-text").Should().BeNull("the file's name is on its card, not repeated as text");
        }
    }

    [Fact]
    public async Task An_upload_shows_its_progress_until_it_ends_and_a_refusal_shows_the_servers_sentence()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var button = await MineAsync(patron);

        await button.Instance.UploadStarted(1, "panduan.pdf");
        await button.Instance.UploadProgress(1, 40);

        button.Find("[data-testid=desk-uploads]").TextContent.Should().Contain("panduan.pdf · 40%");
        button.Find("[data-testid=desk-upload-progress]").GetAttribute("aria-valuenow").Should().Be("40");

        await button.Instance.UploadFinished(1);
        button.FindAll("[data-testid=desk-upload-progress]").Should().BeEmpty();

        await button.Instance.UploadStarted(2, "setup.pdf");
        await button.Instance.UploadFailed(2, 400, "Jenis file ini tidak dapat dikirim.");

        button.FindAll("[data-testid=desk-upload-progress]").Should().BeEmpty();
        Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message).Should().Contain("Jenis file ini tidak dapat dikirim.");
    }

    [Theory]
    [InlineData(413, "foto.jpg terlalu besar untuk dikirim.")]
    [InlineData(0, "foto.jpg tidak terkirim. Coba lagi.")]
    public async Task A_failure_the_server_did_not_explain_gets_the_desks_own_sentence(int status, string said)
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var button = await MineAsync(patron);

        await button.Instance.UploadStarted(1, "foto.jpg");
        await button.Instance.UploadFailed(1, status, null);

        Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message).Should().Contain(said);
    }

    [Fact]
    public async Task Cancel_asks_the_script_to_abort_that_upload_and_its_row_goes_when_the_script_says_it_stopped()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var button = await MineAsync(patron);
        await button.Instance.UploadStarted(7, "scan.pdf");

        await button.Find("[data-testid=desk-upload-cancel]").ClickAsync(new());

        JSInterop.Invocations["cancel"].Should().ContainSingle().Which.Arguments.Should().Equal(7);
        await button.Instance.UploadCancelled(7);
        button.FindAll("[data-testid=desk-upload-progress]").Should().BeEmpty();
    }

    private async Task<IRenderedComponent<AttachButton>> MineAsync(PatronClient patron)
    {
        var started = await patron.StartAsync();
        await app.Service<LibrarianChat>().ClaimAsync(app.LibrarianId, started.ConversationId);
        var page = Render<ConversationPage>(p => p.Add(c => c.Id, started.ConversationId));
        page.WaitForElement("[data-testid=desk-attach]", Patience);
        page.WaitForAssertion(() => JSInterop.Invocations["attach"].Should().ContainSingle(), Patience);
        return page.FindComponent<AttachButton>();
    }
}
