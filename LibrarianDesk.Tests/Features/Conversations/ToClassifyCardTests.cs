using Bunit;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using MudBlazor;
using QueueConversations = LibrarianDesk.Tests.Features.Queue.Conversations;

namespace LibrarianDesk.Tests.Features.Conversations;

/// <summary>The dashboard's "Perlu diklasifikasi" card against a running desk.</summary>
public sealed class ToClassifyCardTests : LiveDeskComponentTest, IClassFixture<OpenDeskApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly OpenDeskApp app;

    public ToClassifyCardTests(OpenDeskApp app)
        : base(app)
    {
        this.app = app;
        SignInAsAccount(app.LibrarianId, "Sari Wulandari", DeskRoles.Librarian);
    }

    [Fact]
    public async Task A_conversation_the_patron_ends_appears_on_its_librarians_card_and_leaves_it_once_classified()
    {
        Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var card = Render<ToClassifyCard>();
        card.WaitForAssertion(() => card.Find("[data-testid=to-classify]").Should().NotBeNull(), Patience);

        var chat = app.Service<LibrarianChat>();
        var started = await QueueConversations.StartedAsync(app, "Rudi Hartono", text: "Apakah ada arsip koran 1950-an?");
        await chat.ClaimAsync(app.LibrarianId, started.ConversationId);
        await chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Ada, di lantai 5.");
        await app.Service<PatronChat>().EndByPatronAsync(new ConversationKey(started.ConversationId, started.PatronToken));

        var row = $"[data-testid=to-classify-row][data-conversation-id='{started.ConversationId}']";
        card.WaitForAssertion(() => card.Find($"{row} [data-testid=to-classify-reason]").TextContent.Trim().Should().Be("Diakhiri pemustaka"), Patience);
        card.Find("[data-testid=to-classify]").TextContent.Should().Contain("Perlu diklasifikasi");

        await app.Service<ConversationClassifier>().ClassifyAsync(
            new AuditActor(app.LibrarianId, "Sari Wulandari"), started.ConversationId, (await QueueConversations.FirstQuestionTypeAsync(app)).Id, 3);

        card.WaitForAssertion(() => card.FindAll(row).Should().BeEmpty(), Patience);
    }
}
