using Bunit;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Shared.Contracts;
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

    /// <summary>Sari's answered conversation, the patron having chosen the first question type; ended by the patron when asked.</summary>
    private async Task<(Guid Id, int PatronChoice)> AnsweredAsync(bool endedByPatron = false)
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        var chat = app.Service<LibrarianChat>();
        await chat.ClaimAsync(app.LibrarianId, started.ConversationId);
        await chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Siap.");
        if (endedByPatron)
        {
            await app.Service<PatronChat>().EndByPatronAsync(new ConversationKey(started.ConversationId, started.PatronToken));
        }

        return (started.ConversationId, patron.Hello.QuestionTypes[0].Id);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenDialogAsync(Guid conversationId, int? patronChoice, AuditActor? classifyingAs = null)
    {
        var provider = Render<MudDialogProvider>();
        Render<MudPopoverProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<CloseConversationDialog>("Selesaikan", new DialogParameters<CloseConversationDialog>
        {
            { d => d.ConversationId, conversationId },
            { d => d.LibrarianId, app.LibrarianId },
            { d => d.QuestionTypeId, patronChoice },
            { d => d.ClassifyingAs, classifyingAs },
        }));
        provider.WaitForElement("[data-testid=close-dialog]");
        if (patronChoice is not null)
        {
            // The question types load after the dialog's first render; the patron's choice shows once they have.
            provider.WaitForAssertion(() => provider.Find("[data-testid=close-dialog]").TextContent.Should().Contain("Pilihan pemustaka saat mulai:"));
        }

        return provider;
    }

    private static Task ChooseQuestionTypeAsync(IRenderedComponent<MudDialogProvider> provider, int questionTypeId)
    {
        var select = provider.FindComponent<MudSelect<int?>>();
        return provider.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(questionTypeId));
    }

    private async Task<Conversation> ReadAsync(Guid conversationId)
    {
        await using var db = app.CreateDbContext();
        return await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == conversationId, Xunit.TestContext.Current.CancellationToken);
    }

    private static IEnumerable<string> Errors(IRenderedComponent<MudDialogProvider> provider) =>
        provider.FindAll("[data-testid=close-error]").Select(e => e.TextContent.Trim());

    [Fact]
    public async Task Nothing_is_preselected_the_patrons_choice_is_only_a_hint_and_closing_without_both_is_refused()
    {
        var (id, patronChoice) = await AnsweredAsync();
        var provider = await OpenDialogAsync(id, patronChoice);

        provider.FindAll(".mud-select input").Should().NotBeEmpty().And.OnlyContain(i => string.IsNullOrEmpty(i.GetAttribute("value")));
        provider.FindAll("input[type=radio]:checked").Should().BeEmpty();
        provider.Find("[data-testid=close-dialog]").TextContent.Should().Contain("Pilihan pemustaka saat mulai:");

        provider.Find("[data-testid=close-confirm]").Click();

        provider.WaitForAssertion(() => Errors(provider).Should().Equal("Pilih jenis pertanyaan.", "Pilih skala READ."));
        provider.FindAll("[data-testid=close-dialog]").Should().NotBeEmpty();
        (await ReadAsync(id)).Status.Should().Be(ConversationStatus.Active);
    }

    [Fact]
    public async Task A_question_type_without_a_READ_level_is_refused()
    {
        var (id, patronChoice) = await AnsweredAsync();
        var provider = await OpenDialogAsync(id, patronChoice);
        await ChooseQuestionTypeAsync(provider, patronChoice);

        provider.Find("[data-testid=close-confirm]").Click();

        provider.WaitForAssertion(() => Errors(provider).Should().Equal("Pilih skala READ."));
        (await ReadAsync(id)).Status.Should().Be(ConversationStatus.Active);
    }

    [Fact]
    public async Task A_READ_level_without_a_question_type_is_refused()
    {
        var (id, patronChoice) = await AnsweredAsync();
        var provider = await OpenDialogAsync(id, patronChoice);
        provider.Find("[data-testid=read-4]").Click();

        provider.Find("[data-testid=close-confirm]").Click();

        provider.WaitForAssertion(() => Errors(provider).Should().Equal("Pilih jenis pertanyaan."));
        (await ReadAsync(id)).Status.Should().Be(ConversationStatus.Active);
    }

    [Fact]
    public async Task With_both_chosen_the_conversation_closes_with_its_classification_and_tags()
    {
        var (id, patronChoice) = await AnsweredAsync();
        var provider = await OpenDialogAsync(id, patronChoice);
        await ChooseQuestionTypeAsync(provider, patronChoice);
        provider.Find("[data-testid=read-4]").Click();
        provider.Find("[data-testid=close-tags] input, input[data-testid=close-tags]").Change("Naskah, ISBN ,  naskah");

        provider.Find("[data-testid=close-confirm]").Click();

        provider.WaitForAssertion(() => provider.FindAll("[data-testid=close-dialog]").Should().BeEmpty(), TimeSpan.FromSeconds(5));
        (await ReadAsync(id)).Should().BeEquivalentTo(new { Status = ConversationStatus.Closed, QuestionTypeId = (int?)patronChoice, ReadScale = (int?)4, Tags = "naskah, isbn" });
    }

    [Fact]
    public async Task Classifying_a_conversation_the_patron_ended_needs_both_fields_too_and_then_records_them()
    {
        var (id, patronChoice) = await AnsweredAsync(endedByPatron: true);
        var provider = await OpenDialogAsync(id, patronChoice, new AuditActor(app.LibrarianId, "Sari Wulandari"));
        provider.Find("[data-testid=close-confirm]").TextContent.Should().Contain("Simpan klasifikasi");

        provider.Find("[data-testid=close-confirm]").Click();
        provider.WaitForAssertion(() => Errors(provider).Should().Equal("Pilih jenis pertanyaan.", "Pilih skala READ."));
        (await ReadAsync(id)).ReadScale.Should().BeNull();

        await ChooseQuestionTypeAsync(provider, patronChoice);
        provider.Find("[data-testid=read-2]").Click();
        provider.Find("[data-testid=close-confirm]").Click();

        provider.WaitForAssertion(() => provider.FindAll("[data-testid=close-dialog]").Should().BeEmpty(), TimeSpan.FromSeconds(5));
        (await ReadAsync(id)).Should().BeEquivalentTo(new { Status = ConversationStatus.Closed, EndedByPatron = true, QuestionTypeId = (int?)patronChoice, ReadScale = (int?)2 });
    }
}
