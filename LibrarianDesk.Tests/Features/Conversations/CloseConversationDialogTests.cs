using Bunit;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LibrarianDesk.Tests.Features.Conversations;

public sealed class CloseConversationDialogTests : LiveDeskComponentTest, IClassFixture<OpenDeskApp>
{
    private readonly OpenDeskApp app;

    public CloseConversationDialogTests(OpenDeskApp app)
        : base(app)
    {
        this.app = app;
        SignInAsAccount(app.LibrarianId, "Sari Wulandari", DeskRoles.Librarian);
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, Guid ConversationId)> OpenDialogAsync(int? questionTypeId)
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        await app.Service<ChatService>().ReplyAsync(app.LibrarianId, started.ConversationId, "Siap.");
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<CloseConversationDialog>("Selesaikan", new DialogParameters<CloseConversationDialog>
        {
            { d => d.ConversationId, started.ConversationId },
            { d => d.LibrarianId, app.LibrarianId },
            { d => d.QuestionTypeId, questionTypeId },
        }));
        return (provider, started.ConversationId);
    }

    private async Task<ConversationStatus> StatusAsync(Guid conversationId)
    {
        await using var db = app.CreateDbContext();
        return await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.Status).SingleAsync(Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Closing_without_a_question_type_is_refused_with_a_message_and_the_conversation_stays_open()
    {
        var (provider, conversationId) = await OpenDialogAsync(questionTypeId: null);

        provider.WaitForElement("[data-testid=close-confirm]").Click();

        provider.WaitForElement("[data-testid=close-error]").TextContent.Should().Be("Pilih jenis pertanyaan.");
        (await StatusAsync(conversationId)).Should().Be(ConversationStatus.Active);
    }

    [Fact]
    public async Task The_question_type_the_patron_chose_is_pre_filled_and_closing_records_the_READ_level()
    {
        var (provider, conversationId) = await OpenDialogAsync(questionTypeId: 1);

        provider.WaitForElement("[data-testid=read-4]").Click();
        provider.Find("[data-testid=close-tags] input, input[data-testid=close-tags]").Change("Naskah, ISBN ,  naskah");
        provider.WaitForElement("[data-testid=close-confirm]").Click();

        provider.WaitForAssertion(() => provider.FindAll("[data-testid=close-dialog]").Should().BeEmpty(), TimeSpan.FromSeconds(5));
        await using var db = app.CreateDbContext();
        var closed = await db.Conversations.SingleAsync(c => c.Id == conversationId, Xunit.TestContext.Current.CancellationToken);
        closed.Should().BeEquivalentTo(new { Status = ConversationStatus.Closed, QuestionTypeId = (int?)1, ReadScale = (int?)4, Tags = "naskah, isbn" });
    }
}
