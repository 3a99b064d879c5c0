using Bunit;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Visitors;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Shared.Visitors;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Features.Visitors;

/// <summary>The supervisors' page of automatic greetings: what each does, how often it fired and led to a chat, and its switch.</summary>
public sealed class GreetingTriggersPageTests : LiveDeskComponentTest, IClassFixture<VisitorDeskApp>
{
    public GreetingTriggersPageTests(VisitorDeskApp app)
        : base(app)
    {
        ArgumentNullException.ThrowIfNull(app);
        Services.AddSingleton(app.Service<GreetingTriggerStore>());
    }

    [Fact]
    public async Task Each_trigger_shows_what_it_does_how_often_it_fired_and_led_to_a_conversation_and_can_be_switched_off()
    {
        // The store checks the caller's roles in the database: a real supervisor account.
        var supervisor = await StaffAccounts.ActorAsync(App, "Hendra Setiawan", DeskRoles.Supervisor);
        SignInAsAccount(supervisor.Id!, supervisor.Name, DeskRoles.Supervisor);
        var store = App.Service<GreetingTriggerStore>();
        (await store.SaveAsync(AuditActor.System, new GreetingTrigger
        {
            Name = "Naskah 45 detik", Kind = GreetingTriggerKind.PageDwell, Pattern = "naskah", DwellSeconds = 45, TextId = "Mencari naskah kuno?",
        })).Should().BeEmpty();
        var id = (await store.ListAsync(AuditActor.System, Xunit.TestContext.Current.CancellationToken)).Single(t => t.Name == "Naskah 45 detik").Id;
        for (var i = 0; i < 4; i++)
        {
            await store.CountFiredAsync(id);
        }

        await store.CountConversationAsync(id);

        var page = Render<GreetingTriggersPage>();
        page.WaitForAssertion(() => page.FindAll("[data-testid=trigger-name]").Should().ContainSingle());
        var row = page.Find("[data-testid=trigger-name]").ParentElement!;
        row.TextContent.Should().Contain("45 detik di halaman yang memuat \"naskah\"");
        row.QuerySelector("[data-testid=trigger-fired]")!.TextContent.Trim().Should().Be("4");
        row.QuerySelector("[data-testid=trigger-conversations]")!.TextContent.Trim().Should().Be("1 (25%)");

        page.Find("input[data-testid=trigger-enabled], [data-testid=trigger-enabled] input").Change(false);
        await using var db = App.CreateDbContext();
        page.WaitForAssertion(() => db.GreetingTriggers.AsNoTracking().Single(t => t.Id == id).IsEnabled.Should().BeFalse());
        (await store.EnabledAsync(Xunit.TestContext.Current.CancellationToken)).Should().NotContain(t => t.Id == id, "a switched-off trigger is not evaluated");
    }
}
