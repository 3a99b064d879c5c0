using Bunit;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Queue;

/// <summary>The dashboard's queue card, against a running desk.</summary>
public sealed class WaitingCountCardTests(OpenDeskApp app) : LiveDeskComponentTest(app), IClassFixture<OpenDeskApp>
{
    [Fact]
    public async Task A_librarian_sees_how_many_wait_as_it_changes_and_the_way_to_the_queue()
    {
        SignInAsAccount(app.LibrarianId, "Sari Wulandari", DeskRoles.Librarian);
        var card = Render<WaitingCountCard>();
        var before = int.Parse(card.Find("[data-testid=queue-card-waiting]").GetAttribute("data-waiting")!, System.Globalization.CultureInfo.InvariantCulture);

        await Conversations.StartAsync(App, "Nanda Dashboard");

        card.WaitForAssertion(
            () => card.Find("[data-testid=queue-card-waiting]").TextContent.Trim().Should().Be($"{before + 1} percakapan menunggu"),
            TimeSpan.FromSeconds(5));
        card.Find("[data-testid=queue-card-open]").GetAttribute("href").Should().Be("queue");
    }

    [Fact]
    public void Staff_who_do_not_answer_chats_get_no_queue_card()
    {
        SignInAs("Agus", DeskRoles.ItAdmin);

        Render<WaitingCountCard>().FindAll("[data-testid=queue-card]").Should().BeEmpty();
    }
}
