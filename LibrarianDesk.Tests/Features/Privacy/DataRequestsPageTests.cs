using Bunit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LibrarianDesk.Tests.Features.Privacy;

/// <summary>The data requests page against a running desk, signed in as a real supervisor.</summary>
public sealed class DataRequestsPageTests(OpenDeskApp app) : LiveDeskComponentTest(app), IClassFixture<OpenDeskApp>
{
    [Fact]
    public void The_page_is_for_supervisors_only()
    {
        typeof(DataRequestsPage).GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>()
            .Should().ContainSingle(a => a.Roles == DeskRoles.Supervisor);
    }

    [Fact]
    public async Task A_malformed_email_is_refused_under_the_field()
    {
        var supervisor = await StaffAccounts.ActorAsync(App, "Hendra Gunawan", DeskRoles.Supervisor);
        SignInAsAccount(supervisor.Id!, supervisor.Name, DeskRoles.Supervisor);
        Services.AddSingleton(App.Service<DataSubjectRequests>());
        var page = Render<DataRequestsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=data-requests-find]"), TimeSpan.FromSeconds(10));

        page.Find("input[data-testid=data-requests-value], [data-testid=data-requests-value] input").Change("siti@");
        await page.Find("[data-testid=data-requests-find]").ClickAsync(new());

        page.WaitForAssertion(() => page.Markup.Should().Contain("Alamat email tidak valid."), TimeSpan.FromSeconds(10));
        page.FindAll("[data-testid=data-requests-results]").Should().BeEmpty();
    }

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Erase_first_asks_naming_what_it_will_change_cancel_changes_nothing_and_the_confirmation_erases()
    {
        var email = $"ratih.{Guid.NewGuid():N}@contoh.id";
        var questionType = (await App.Service<QuestionTypeCatalog>().ActiveAsync(Cancel))[0].Id;
        var started = (await App.Service<PatronChat>().StartAsync(
            new StartConversationRequest("Ratih Purnama", email, null, questionType, "Ada koleksi batik?", PatronClient.NewMessageId()), "id")).Response;
        await App.Service<LibrarianChat>().ReplyAsync(app.LibrarianId, started.ConversationId, "Ada, di lantai 7.");
        await App.Service<LibrarianChat>().CloseByLibrarianAsync(app.LibrarianId, started.ConversationId, questionType, 2, []);
        var supervisor = await StaffAccounts.ActorAsync(App, "Hendra Gunawan", DeskRoles.Supervisor);
        SignInAsAccount(supervisor.Id!, supervisor.Name, DeskRoles.Supervisor);
        Services.AddSingleton(App.Service<DataSubjectRequests>());
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<DataRequestsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=data-requests-find]"), Patience);
        page.Find("input[data-testid=data-requests-value], [data-testid=data-requests-value] input").Change(email);
        await page.Find("[data-testid=data-requests-find]").ClickAsync(new());
        page.WaitForAssertion(() => page.Find("[data-testid=data-requests-results]"), Patience);

        // Click, not ClickAsync: the handler waits for the answer to the dialog the test gives next.
        page.Find("[data-testid=data-requests-erase]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find(".mud-dialog").TextContent.Should().Contain(
            "Hapus data r***@contoh.id? Ini menganonimkan 1 percakapan dan 0 pesan luring, mengosongkan 0 email keluar dan menyamarkan 0 pencarian data anggota."), Patience);
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Batal").Click();
        dialogs.WaitForAssertion(() => dialogs.FindAll(".mud-dialog").Should().BeEmpty(), Patience);
        (await PatronNameAsync(started.ConversationId)).Should().Be("Ratih Purnama");

        page.Find("[data-testid=data-requests-erase]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find(".mud-dialog"), Patience);
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Hapus data").Click();

        await Eventually.TrueAsync(async () => await PatronNameAsync(started.ConversationId) == "Pemustaka anonim", "the confirmed erase anonymised the conversation");
        page.WaitForAssertion(() => page.Find("[data-testid=data-requests-erase]").HasAttribute("disabled").Should().BeTrue("nothing is left to erase"), Patience);
    }

    private async Task<string> PatronNameAsync(Guid conversationId)
    {
        await using var db = App.CreateDbContext();
        return await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.PatronName).SingleAsync(Cancel);
    }
}
