using LibrarianDesk.Bench.Hosting;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Conversations;

/// <summary>Each librarian's unread patron messages, as stored read marks in the real database.</summary>
public sealed class UnreadMessagesTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private LibrarianChat Chat => app.Service<LibrarianChat>();

    private PatronChat Patron => app.Service<PatronChat>();

    private UnreadMessages Unread => app.Service<UnreadMessages>();

    private static Task<StartConversationResponse> StartAsync(DeskApp desk, string patronName, string text = "Halo, saya perlu bantuan.") =>
        UnreadConversations.StartAsync(desk, patronName, text);

    private Task PatronSaysAsync(StartConversationResponse started, string text) =>
        Patron.SendPatronMessageAsync(new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), text));

    private async Task<UnreadConversation?> OfAsync(string librarianId, Guid conversationId) =>
        (await Unread.ForAsync(librarianId, Cancel)).SingleOrDefault(c => c.ConversationId == conversationId);

    [Fact]
    public async Task The_count_rises_with_each_patron_message_only_and_clears_when_read()
    {
        var sari = await StaffAccounts.CreateAsync(app, $"unread-{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], "Sari Hitung");
        var started = await StartAsync(app, "Rina Hitung");
        (await OfAsync(sari.Id, started.ConversationId))!.Unread.Should().Be(1, "a waiting chat's first message is unread for everyone");

        await Chat.ReplyAsync(sari.Id, started.ConversationId, "Halo, saya Sari.");
        await Unread.MarkReadAsync(sari.Id, started.ConversationId, 2, Cancel);
        await Chat.AddNoteAsync(sari.Id, started.ConversationId, "Catatan untuk rekan.");
        await Chat.ReplyAsync(sari.Id, started.ConversationId, "Ada yang bisa dibantu?");
        (await OfAsync(sari.Id, started.ConversationId))!.Unread.Should().Be(0, "her own replies and notes are nothing to read");

        await PatronSaysAsync(started, "Saya mencari peta Batavia.");
        await PatronSaysAsync(started, "Tahun 1740.");
        var mine = (await OfAsync(sari.Id, started.ConversationId))!;
        mine.Should().BeEquivalentTo(new { IsMine = true, Unread = 2, LastSequence = 6, PatronName = "Rina Hitung" });

        (await Unread.MarkReadAsync(sari.Id, started.ConversationId, 6, Cancel)).Should().BeTrue();
        (await OfAsync(sari.Id, started.ConversationId))!.Unread.Should().Be(0);
    }

    [Fact]
    public async Task A_read_mark_only_moves_forward_and_never_past_the_last_message()
    {
        var sari = await StaffAccounts.CreateAsync(app, $"forward-{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], "Sari Maju");
        var started = await StartAsync(app, "Bayu Maju");
        await PatronSaysAsync(started, "Pesan kedua.");
        await PatronSaysAsync(started, "Pesan ketiga.");
        var reads = new List<ConversationRead>();
        using var listening = app.Service<DeskNotifier>().Subscribe<ConversationRead>(read =>
        {
            lock (reads)
            {
                reads.Add(read);
            }

            return Task.CompletedTask;
        });

        (await Unread.MarkReadAsync(sari.Id, started.ConversationId, 2, Cancel)).Should().BeTrue();
        (await Unread.MarkReadAsync(sari.Id, started.ConversationId, 1, Cancel)).Should().BeFalse("an older screen's mark arriving late changes nothing");
        (await OfAsync(sari.Id, started.ConversationId))!.Unread.Should().Be(1);

        (await Unread.MarkReadAsync(sari.Id, started.ConversationId, 99, Cancel)).Should().BeTrue();
        await PatronSaysAsync(started, "Pesan keempat, setelah tanda baca.");
        (await OfAsync(sari.Id, started.ConversationId))!.Unread.Should().Be(1, "a mark beyond the last message is stored as the last message");
        (await StoredMarkAsync(sari.Id, started.ConversationId)).Should().Be(3);

        lock (reads)
        {
            reads.Where(r => r.ConversationId == started.ConversationId).Should().Equal(
                new ConversationRead(started.ConversationId, sari.Id, 2), new ConversationRead(started.ConversationId, sari.Id, 3));
        }
    }

    [Fact]
    public async Task Read_marks_are_per_librarian_another_librarians_read_does_not_clear_mine()
    {
        var sari = await StaffAccounts.CreateAsync(app, $"per-a-{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], "Sari Sendiri");
        var budi = await StaffAccounts.CreateAsync(app, $"per-b-{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], "Budi Sendiri");
        var started = await StartAsync(app, "Citra Dua Pustakawan");
        await PatronSaysAsync(started, "Ada yang bisa bantu?");

        await Unread.MarkReadAsync(budi.Id, started.ConversationId, 2, Cancel);

        (await OfAsync(budi.Id, started.ConversationId))!.Unread.Should().Be(0);
        (await OfAsync(sari.Id, started.ConversationId))!.Unread.Should().Be(2);
    }

    [Fact]
    public async Task Only_waiting_chats_and_the_librarians_own_active_ones_are_listed()
    {
        var sari = await StaffAccounts.CreateAsync(app, $"list-a-{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], "Sari Daftar");
        var hendra = await StaffAccounts.CreateAsync(app, $"list-b-{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], "Hendra Daftar");
        var waiting = await StartAsync(app, "Dewi Menunggu");
        var mine = await StartAsync(app, "Eka Milik Sari");
        var colleagues = await StartAsync(app, "Fajar Milik Hendra");
        await Chat.ClaimAsync(sari.Id, mine.ConversationId);
        await Chat.ClaimAsync(hendra.Id, colleagues.ConversationId);

        var listed = await Unread.ForAsync(sari.Id, Cancel);

        listed.Should().ContainSingle(c => c.ConversationId == waiting.ConversationId).Which.IsMine.Should().BeFalse();
        listed.Should().ContainSingle(c => c.ConversationId == mine.ConversationId).Which.IsMine.Should().BeTrue();
        listed.Should().NotContain(c => c.ConversationId == colleagues.ConversationId);
    }

    [Fact]
    public async Task Bad_input_is_refused_and_stores_nothing()
    {
        var sari = await StaffAccounts.CreateAsync(app, $"bad-{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], "Sari Salah");
        var started = await StartAsync(app, "Gita Salah");

        await FluentActions.Awaiting(() => Unread.MarkReadAsync(sari.Id, started.ConversationId, -1, Cancel)).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await FluentActions.Awaiting(() => Unread.MarkReadAsync(" ", started.ConversationId, 1, Cancel)).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => Unread.ForAsync("", Cancel)).Should().ThrowAsync<ArgumentException>();
        (await Unread.MarkReadAsync(sari.Id, Guid.NewGuid(), 1, Cancel)).Should().BeFalse("there is no such conversation to mark");

        await using var db = app.CreateDbContext();
        (await db.ConversationReadMarks.CountAsync(m => m.LibrarianId == sari.Id, Cancel)).Should().Be(0);
        (await OfAsync(sari.Id, started.ConversationId))!.Unread.Should().Be(1);
    }

    private async Task<int?> StoredMarkAsync(string librarianId, Guid conversationId)
    {
        await using var db = app.CreateDbContext();
        return await db.ConversationReadMarks.Where(m => m.LibrarianId == librarianId && m.ConversationId == conversationId)
            .Select(m => (int?)m.LastReadSequence).SingleOrDefaultAsync(Cancel);
    }
}

/// <summary>Read marks are stored: a desk started again on the same data reads the same counts.</summary>
public sealed class UnreadMessagesRestartTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>An always-open desk on a data folder the test owns, so that a second desk can start on it.</summary>
    private sealed class DeskOn(string folder) : DeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:ServiceHours:AlwaysOpen"] = "true",
            ["Desk:DataDirectory"] = folder,
        };
    }

    [Fact]
    public async Task Unread_counts_survive_a_restart()
    {
        var folder = LoopbackDesk.NewDataDirectory("librariandesk-restart");
        try
        {
            string sari;
            Guid conversation;
            await using (var before = new DeskOn(folder))
            {
                await before.InitializeAsync();
                sari = (await StaffAccounts.CreateAsync(before, "sari.restart@test.local", [DeskRoles.Librarian], "Sari Restart")).Id;
                await before.Service<PresenceService>().SetAsync(sari, Presence.Online, Cancel);
                var started = await UnreadConversations.StartAsync(before, "Hana Restart", "Pesan pertama.");
                conversation = started.ConversationId;
                var chat = before.Service<LibrarianChat>();
                await chat.ClaimAsync(sari, conversation);
                await before.Service<UnreadMessages>().MarkReadAsync(sari, conversation, 1, Cancel);
                await before.Service<PatronChat>().SendPatronMessageAsync(new SendMessageRequest(conversation, started.PatronToken, PatronClient.NewMessageId(), "Pesan kedua."));
                await before.Service<PatronChat>().SendPatronMessageAsync(new SendMessageRequest(conversation, started.PatronToken, PatronClient.NewMessageId(), "Pesan ketiga."));
            }

            await using var after = new DeskOn(folder);
            await after.InitializeAsync();
            (await after.Service<UnreadMessages>().ForAsync(sari, Cancel)).Should().ContainSingle(c => c.ConversationId == conversation)
                .Which.Unread.Should().Be(2);
        }
        finally
        {
            LoopbackDesk.DeleteDataDirectory(folder);
        }
    }
}

/// <summary>Conversations started the way the widget starts them, keeping the patron's token for more messages.</summary>
internal static class UnreadConversations
{
    public static async Task<StartConversationResponse> StartAsync(DeskApp desk, string patronName, string text = "Halo, saya perlu bantuan.")
    {
        var questionType = await Queue.Conversations.FirstQuestionTypeAsync(desk);
        return (await desk.Service<PatronChat>().StartAsync(
            new StartConversationRequest(patronName, "patron@contoh.id", null, questionType.Id, text, PatronClient.NewMessageId()), "id")).Response;
    }
}
