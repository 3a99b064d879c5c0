using Bunit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace LibrarianDesk.Tests.Features.Queue;

/// <summary>
/// Taking from the queue. The page's clock is fake and never advanced, so the page keeps showing
/// what it first read: a colleague's claim in between stays invisible until the Take button finds out.
/// </summary>
public sealed class QueueTakeTests : LiveDeskComponentTest, IClassFixture<OpenDeskApp>
{
    private readonly OpenDeskApp desk;

    public QueueTakeTests(OpenDeskApp app)
        : base(app)
    {
        desk = app;
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(DateTimeOffset.UtcNow));
        SignInAsAccount(app.LibrarianId, "Sari Wulandari", DeskRoles.Librarian);
    }

    [Fact]
    public async Task Take_claims_the_conversation_and_opens_it()
    {
        var id = await Conversations.StartAsync(App, "Rina Marlina");
        var page = Render<QueuePage>();

        // The queue loads after the first render; on a server database (not SQLite's in-process reads) that is visibly later.
        await page.WaitForElement($"[data-conversation-id='{id}'] [data-testid=queue-take]").ClickAsync(new());

        Services.GetRequiredService<NavigationManager>().Uri.Should().EndWith($"/conversations/{id}");
        var stored = await Conversations.ReadAsync(App, id);
        stored.Status.Should().Be(ConversationStatus.Active);
        stored.OwnerId.Should().Be(desk.LibrarianId);
    }

    [Fact]
    public async Task Taking_a_conversation_a_colleague_took_first_says_who_has_it_and_stays_on_the_queue()
    {
        var id = await Conversations.StartAsync(App, "Yusuf Hakim");
        var page = Render<QueuePage>();
        var colleague = await StaffAccounts.CreateAsync(App, $"fast-{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], "Hendra Cepat");
        await App.Service<LibrarianChat>().ClaimAsync(colleague.Id, id);

        // The queue loads after the first render; on a server database (not SQLite's in-process reads) that is visibly later.
        await page.WaitForElement($"[data-conversation-id='{id}'] [data-testid=queue-take]").ClickAsync(new());

        Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message).Should().Contain("Sudah diambil oleh Hendra Cepat");
        Services.GetRequiredService<NavigationManager>().Uri.Should().NotContain("/conversations/");
        (await Conversations.ReadAsync(App, id)).OwnerId.Should().Be(colleague.Id);
    }
}
