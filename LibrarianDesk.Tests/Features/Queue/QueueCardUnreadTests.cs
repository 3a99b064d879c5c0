using Bunit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Features.Conversations;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Queue;

/// <summary>
/// The queue cards' latest message and unread count, against a running desk of their own: the chats this
/// test leaves waiting must not reach <see cref="QueuePageTests"/>, which starts from an empty queue.
/// </summary>
public sealed class QueueCardUnreadTests(OpenDeskApp app) : LiveDeskComponentTest(app), IClassFixture<OpenDeskApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private LibrarianChat Chat => App.Service<LibrarianChat>();

    private PatronChat Patron => App.Service<PatronChat>();

    private static string Text(IRenderedComponent<QueuePage> page, string rowSelector, string testId) =>
        page.Find($"{rowSelector} [data-testid={testId}]").TextContent.Trim();

    [Fact]
    public async Task Cards_show_the_patrons_latest_message_and_how_many_of_the_patrons_messages_this_librarian_has_not_read()
    {
        var sari = (OpenDeskApp)App;
        SignInAsAccount(sari.LibrarianId, "Sari Wulandari", DeskRoles.Librarian);
        var unread = App.Service<UnreadMessages>();
        var cancel = Xunit.TestContext.Current.CancellationToken;
        var waiting = await UnreadConversations.StartAsync(App, "Lina Menunggu", "Pertanyaan pertama Lina.");
        var mine = await UnreadConversations.StartAsync(App, "Made Milik Sari", "Pertanyaan pertama Made.");
        await Chat.ClaimAsync(sari.LibrarianId, mine.ConversationId);
        await unread.MarkReadAsync(sari.LibrarianId, mine.ConversationId, 1, cancel);
        var page = Render<QueuePage>();
        page.WaitForAssertion(() => page.Find("[data-testid=queue-page]").GetAttribute("data-live").Should().Be("true"), Patience);
        var waitingRow = $"[data-testid=queue-waiting-row][data-conversation-id='{waiting.ConversationId}']";
        var mineRow = $"[data-testid=queue-mine-row][data-conversation-id='{mine.ConversationId}']";
        Text(page, waitingRow, "unread").Should().Be("1", "nobody has read a waiting chat's first message");
        page.FindAll($"{mineRow} [data-testid=unread]").Should().BeEmpty();

        await PatronSays(waiting, "Halo? Masih ada orang?");
        await PatronSays(mine, "Satu lagi.");
        await PatronSays(mine, "Dan yang terakhir.");

        page.WaitForAssertion(() => Text(page, mineRow, "unread").Should().Be("2"), Patience);
        Text(page, mineRow, "queue-preview").Should().Be("Dan yang terakhir.", "the card shows what the patron waits on now, not the first question");
        Text(page, waitingRow, "unread").Should().Be("2");
        Text(page, waitingRow, "queue-preview").Should().Be("Halo? Masih ada orang?");

        await unread.MarkReadAsync(sari.LibrarianId, mine.ConversationId, 99, cancel);
        page.WaitForAssertion(() => page.FindAll($"{mineRow} [data-testid=unread]").Should().BeEmpty("she has read it"), Patience);
        var hendra = await StaffAccounts.CreateAsync(App, "hendra.unread@test.local", [DeskRoles.Librarian], "Hendra Setiawan");
        await unread.MarkReadAsync(hendra.Id, waiting.ConversationId, 99, cancel);
        Text(page, waitingRow, "unread").Should().Be("2", "a colleague's reading is not hers");
    }

    private Task PatronSays(StartConversationResponse started, string text) =>
        Patron.SendPatronMessageAsync(new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), text));
}
