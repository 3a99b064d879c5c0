using Bunit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Conversations;

/// <summary>The side list of a librarian's own conversations in the workspace, against a running desk.</summary>
public sealed class MyConversationsTests(OpenDeskApp app) : LiveDeskComponentTest(app), IClassFixture<OpenDeskApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private LibrarianChat Chat => App.Service<LibrarianChat>();

    private PatronChat Patron => App.Service<PatronChat>();

    private UnreadMessages Unread => App.Service<UnreadMessages>();

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    private async Task<StartConversationResponse> StartAsync(string patronName)
    {
        var questionType = await Queue.Conversations.FirstQuestionTypeAsync(App);
        return (await Patron.StartAsync(
            new StartConversationRequest(patronName, "patron@contoh.id", null, questionType.Id, "Halo, saya perlu bantuan.", PatronClient.NewMessageId()), "id")).Response;
    }

    private Task PatronSaysAsync(StartConversationResponse started, string text) =>
        Patron.SendPatronMessageAsync(new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), text));

    private static string? UnreadOf(IRenderedComponent<MyConversations> list, string patronName) =>
        list.FindAll("[data-testid=my-conversation]")
            .Single(row => row.TextContent.Contains(patronName, StringComparison.Ordinal))
            .QuerySelector("[data-testid=unread]")?.TextContent.Trim();

    [Fact]
    public async Task Messages_in_the_librarians_other_conversations_are_counted_as_unread_and_the_open_one_and_colleagues_chats_are_not()
    {
        // Her own account: the desk is shared by this class's tests, and the list shows all of her conversations.
        var sari = await StaffAccounts.CreateAsync(App, $"sari-{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], "Sari Wulandari");
        SignInAsAccount(sari.Id, sari.DisplayName, DeskRoles.Librarian);
        var open = await StartAsync("Rina Open");
        var other = await StartAsync("Bayu Other");
        var colleagues = await StartAsync("Tono Colleague");
        await Chat.ReplyAsync(sari.Id, open.ConversationId, "Halo, saya Sari.");
        await Chat.ReplyAsync(sari.Id, other.ConversationId, "Halo, saya Sari.");
        var hendra = await StaffAccounts.CreateAsync(App, "hendra.mine@test.local", [DeskRoles.Librarian], "Hendra Setiawan");
        await Chat.ReplyAsync(hendra.Id, colleagues.ConversationId, "Halo, saya Hendra.");
        await Unread.MarkReadAsync(sari.Id, other.ConversationId, 2, Cancel);

        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var list = Render<MyConversations>(p => p.Add(c => c.CurrentId, open.ConversationId).Add(c => c.LibrarianId, sari.Id));
        list.WaitForAssertion(() => list.FindAll("[data-testid=my-conversation]").Should().HaveCount(2), Patience);
        UnreadOf(list, "Bayu Other").Should().BeNull();

        await PatronSaysAsync(other, "Apakah sudah ketemu?");
        await PatronSaysAsync(other, "Saya tunggu, ya.");
        await PatronSaysAsync(open, "Terima kasih!");
        await PatronSaysAsync(colleagues, "Pak Hendra?");

        list.WaitForAssertion(() => UnreadOf(list, "Bayu Other").Should().Be("2"), Patience);
        UnreadOf(list, "Rina Open").Should().BeNull("the conversation on screen is being read");
        list.FindAll("[data-testid=my-conversation]").Should().HaveCount(2, "a colleague's conversation is not in this list");
        list.Markup.Should().NotContain("Tono Colleague");

        // Read in another tab (or by opening it here): the count clears everywhere.
        await Unread.MarkReadAsync(sari.Id, other.ConversationId, 99, Cancel);
        list.WaitForAssertion(() => UnreadOf(list, "Bayu Other").Should().BeNull(), Patience);
        await PatronSaysAsync(other, "Satu lagi.");
        list.WaitForAssertion(() => UnreadOf(list, "Bayu Other").Should().Be("1"), Patience);
    }

    [Fact]
    public async Task Unread_counts_are_stored_a_list_opened_later_shows_what_arrived_before_it()
    {
        // Her own account: the desk is shared by this class's tests, and the list shows all of her conversations.
        var sari = await StaffAccounts.CreateAsync(App, $"sari-{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], "Sari Wulandari");
        SignInAsAccount(sari.Id, sari.DisplayName, DeskRoles.Librarian);
        var earlier = await StartAsync("Dewi Sebelumnya");
        await Chat.ReplyAsync(sari.Id, earlier.ConversationId, "Halo, saya Sari.");
        await Unread.MarkReadAsync(sari.Id, earlier.ConversationId, 2, Cancel);
        await PatronSaysAsync(earlier, "Pertanyaan kedua.");
        await PatronSaysAsync(earlier, "Pertanyaan ketiga.");

        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var list = Render<MyConversations>(p => p.Add(c => c.CurrentId, Guid.NewGuid()).Add(c => c.LibrarianId, sari.Id));

        list.WaitForAssertion(() => UnreadOf(list, "Dewi Sebelumnya").Should().Be("2"), Patience);
        list.Find("[data-testid=unread]").GetAttribute("aria-label").Should().Be("2 pesan belum dibaca");
    }
}
