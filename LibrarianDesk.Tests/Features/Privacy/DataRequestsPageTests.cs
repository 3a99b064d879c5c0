using Bunit;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LibrarianDesk.Tests.Features.Privacy;

/// <summary>The data requests page against a running desk, signed in as a real supervisor (the service checks the role in the database).</summary>
public sealed class DataRequestsPageTests(OpenDeskApp app) : LiveDeskComponentTest(app), IClassFixture<OpenDeskApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private IRenderedComponent<MudDialogProvider> dialogs = default!;

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    /// <summary>The export form's token: bUnit has no request to take one from.</summary>
    private sealed class NoAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => null;
    }

    private async Task<IRenderedComponent<DataRequestsPage>> RenderAsync(string role)
    {
        var account = await StaffAccounts.ActorAsync(App, "Hendra Gunawan", role);
        SignInAsAccount(account.Id!, account.Name, role);
        Services.AddSingleton(App.Service<DataSubjectRequests>());
        Services.AddSingleton<AntiforgeryStateProvider>(new NoAntiforgery());
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        dialogs = Render<MudDialogProvider>();
        var page = Render<DataRequestsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=data-requests-find]"), Patience);
        return page;
    }

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<DataRequestsPage> page, string testId) =>
        page.Find($"input[data-testid={testId}], [data-testid={testId}] input");

    [Fact]
    public void The_page_is_for_supervisors_only()
    {
        typeof(DataRequestsPage).GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>()
            .Should().ContainSingle(a => a.Roles == DeskRoles.Supervisor);
    }

    [Fact]
    public async Task A_malformed_email_is_refused_under_the_field()
    {
        var page = await RenderAsync(DeskRoles.Supervisor);

        Input(page, "data-requests-value").Change("siti@");
        await page.Find("[data-testid=data-requests-find]").ClickAsync(new());

        page.WaitForAssertion(() => page.Markup.Should().Contain("Alamat email tidak valid."), Patience);
        page.FindAll("[data-testid=data-requests-results]").Should().BeEmpty();
    }

    [Fact]
    public async Task A_librarian_who_reaches_the_page_gets_no_results()
    {
        var page = await RenderAsync(DeskRoles.Librarian);

        Input(page, "data-requests-value").Change("siti@contoh.id");
        await page.Find("[data-testid=data-requests-find]").Invoking(b => b.ClickAsync(new())).Should().ThrowAsync<StaffRoleRequiredException>();

        page.FindAll("[data-testid=data-requests-results]").Should().BeEmpty();
    }

    [Fact]
    public async Task A_search_shows_the_counts_and_the_erase_asks_with_them_before_it_erases()
    {
        var email = $"maya{Guid.NewGuid().ToString("N")[..8]}@contoh.id";
        var questionType = (await App.Service<LibrarianDesk.Features.Conversations.QuestionTypeCatalog>().ActiveAsync(Cancel))[0].Id;
        var offline = (await App.Service<OfflineMessageIntake>().LeaveAsync(new OfflineMessageRequest("Maya Sari", email, null, questionType, "Halo"), "id")).OfflineMessageId;
        var page = await RenderAsync(DeskRoles.Supervisor);

        Input(page, "data-requests-value").Change(email);
        await page.Find("[data-testid=data-requests-find]").ClickAsync(new());
        page.WaitForAssertion(() => page.Find("[data-testid=data-requests-count-offline]").TextContent.Should().Contain("1"), Patience);
        page.Find("[data-testid=data-requests-results]").TextContent.Should().Contain("m***@contoh.id").And.Contain("Data anggota adalah register perpustakaan");

        await page.Find("[data-testid=data-requests-erase]").ClickAsync(new());
        dialogs.WaitForAssertion(() => dialogs.Markup.Should().Contain("Hapus data m***@contoh.id? Ini menganonimkan 0 percakapan dan 1 pesan offline"), Patience);
        await using (var db = App.CreateDbContext())
        {
            (await db.OfflineMessages.SingleAsync(m => m.Id == offline, Cancel)).AnonymisedAt.Should().BeNull("nothing is erased before the confirmation");
        }

        await dialogs.FindAll("button").Single(b => b.TextContent.Contains("Hapus data", StringComparison.Ordinal)).ClickAsync(new());
        await Eventually.TrueAsync(async () =>
        {
            await using var db = App.CreateDbContext();
            return (await db.OfflineMessages.SingleAsync(m => m.Id == offline, Cancel)).AnonymisedAt is not null;
        }, "the offline message is anonymised");
        page.WaitForAssertion(() => page.Find("[data-testid=data-requests-count-offline]").TextContent.Should().Contain("0"), Patience);
    }
}
