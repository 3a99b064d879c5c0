using Bunit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using MudBlazor;

namespace LibrarianDesk.Tests.Features.Queue;

/// <summary>The queue's missed list against a running desk: the follow-up by email is offered where the patron left an address, and shown once sent.</summary>
public sealed class MissedListTests : LiveDeskComponentTest, IClassFixture<OpenDeskApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly OpenDeskApp app;

    public MissedListTests(OpenDeskApp app)
        : base(app)
    {
        this.app = app;
        SignInAsAccount(app.LibrarianId, "Sari Wulandari", DeskRoles.Librarian);
    }

    private async Task<IReadOnlyList<QueueItem>> MissedAsync() =>
        (await app.Service<ConversationQueries>().QueueAsync(Xunit.TestContext.Current.CancellationToken)).RecentlyMissed;

    [Fact]
    public async Task A_librarian_replies_by_email_to_a_missed_patron_with_an_address_and_the_row_then_shows_who_answered()
    {
        var chat = app.Service<PatronChat>();
        var withAddress = await Conversations.StartedAsync(app, "Dewi Anggraini", text: "Apakah ada peta Batavia?", email: $"dewi.{Guid.NewGuid():N}@contoh.id");
        var withoutAddress = await chat.StartFromGreetingAsync(
            new GreetingAnswer($"visitor-{Guid.NewGuid():N}", null, "Ada yang bisa dibantu?", "Pengunjung", null, null, "Jam buka?", PatronClient.NewMessageId(), null), "id");
        await app.Service<ConversationLifecycle>().MarkMissedAsync(withAddress.ConversationId);
        await app.Service<ConversationLifecycle>().MarkMissedAsync(withoutAddress.ConversationId);
        var missed = await MissedAsync();
        var provider = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var list = Render<MissedList>(p => p.Add(l => l.Items, missed));
        var answerable = $"[data-conversation-id='{withAddress.ConversationId}']";
        var unanswerable = $"[data-conversation-id='{withoutAddress.ConversationId}']";

        list.WaitForAssertion(() => list.Find($"{unanswerable} [data-testid=queue-missed-no-address]").TextContent.Should().Be("Tanpa alamat email"), Patience);
        list.FindAll($"{unanswerable} [data-testid=queue-missed-follow-up]").Should().BeEmpty();

        list.Find($"{answerable} [data-testid=queue-missed-follow-up]").Click();
        provider.WaitForElement("[data-testid=follow-up-question]").TextContent.Should().Be("Apakah ada peta Batavia?");
        provider.Find("[data-testid=follow-up-send]").Click();
        provider.WaitForAssertion(() => provider.Find("[data-testid=follow-up-error]").TextContent.Should().NotBeNullOrWhiteSpace(), Patience);
        provider.Find("[data-testid=follow-up-text] textarea, textarea[data-testid=follow-up-text]").Input("Ada, di ruang peta lantai 9.");
        provider.Find("[data-testid=follow-up-send]").Click();

        list.WaitForAssertion(() => list.Find($"{answerable} [data-testid=queue-missed-followed-up]").TextContent.Should().StartWith("Dibalas lewat email oleh Sari Wulandari"), Patience);
        list.FindAll($"{answerable} [data-testid=queue-missed-follow-up]").Should().BeEmpty("a second reply is not offered");
    }
}
