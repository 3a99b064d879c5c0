using System.Threading.Channels;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Conversations;

public sealed class LibrarianActionsTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    private ChatService Chat => app.Service<ChatService>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<string> ColleagueAsync(string name) =>
        (await StaffAccounts.CreateAsync(app, $"{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], name)).Id;

    [Fact]
    public async Task An_internal_note_is_kept_for_librarians_and_never_reaches_the_patron()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Saya cek dulu.");
        (await PatronClient.NextAsync(patron.Messages)).Sequence.Should().Be(2);

        await Chat.AddNoteAsync(app.LibrarianId, started.ConversationId, "Pemustaka ini pernah bertanya soal yang sama kemarin.");
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Koleksinya ada.");

        (await PatronClient.NextAsync(patron.Messages)).Text.Should().Be("Koleksinya ada.", "the note in between is not pushed");
        var resumed = await patron.InvokeAsync<ResumeResponse>(PatronHubContract.Methods.Resume, new ResumeRequest(started.ConversationId, started.PatronToken, 0));
        resumed.Messages.Select(m => m.Text).Should().NotContain(t => t.Contains("kemarin", StringComparison.Ordinal));

        var detail = await app.Service<ConversationQueries>().DetailAsync(started.ConversationId, Cancel);
        detail!.Lines.Should().Contain(l => l.Message.Author == MessageAuthor.Note && l.AuthorName == "Sari Wulandari");
    }

    [Fact]
    public async Task An_open_workspace_adds_only_the_lines_after_the_last_it_shows_with_their_authors()
    {
        var queries = app.Service<ConversationQueries>();
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        var shown = (await queries.DetailAsync(started.ConversationId, Cancel))!;
        var colleague = await ColleagueAsync("Budi Santoso");

        await patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
            new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), "Apakah ada buku tentang batik?"));
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Ada, sebentar saya carikan.");
        await Chat.AddNoteAsync(colleague, started.ConversationId, "Cek rak 745.");

        var more = await queries.LinesAfterAsync(started.ConversationId, shown.LastSequence, Cancel);
        more.Select(l => (l.Message.Sequence, l.Message.Text, l.AuthorName)).Should().Equal(
            (2, "Apakah ada buku tentang batik?", null),
            (3, "Ada, sebentar saya carikan.", "Sari Wulandari"),
            (4, "Cek rak 745.", "Budi Santoso"));
        var extended = shown.Extended(more);
        extended!.Lines.Select(l => l.Message.Sequence).Should().Equal(1, 2, 3, 4);
        extended.Lines.Should().BeEquivalentTo((await queries.DetailAsync(started.ConversationId, Cancel))!.Lines,
            "adding the new lines shows what reading the whole conversation again would");

        shown.Extended(more.Skip(1).ToList()).Should().BeNull("lines that skip one mean the workspace must read the conversation again");
        extended.Extended([]).Should().BeSameAs(extended);
    }

    [Fact]
    public async Task A_colleague_cannot_reply_to_a_conversation_someone_else_took()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Halo, saya Sari.");
        var colleague = await ColleagueAsync("Budi Santoso");

        var late = () => Chat.ReplyAsync(colleague, started.ConversationId, "Halo, saya Budi.");

        (await late.Should().ThrowAsync<ConversationTakenException>()).Which.OwnerName.Should().Be("Sari Wulandari");
        await using var db = app.CreateDbContext();
        (await db.ChatMessages.CountAsync(m => m.ConversationId == started.ConversationId, Cancel)).Should().Be(2);
    }

    [Fact]
    public async Task A_reply_to_a_closed_conversation_is_refused_and_not_stored()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Sudah saya kirimkan tautannya.");
        await Chat.CloseByLibrarianAsync(app.LibrarianId, started.ConversationId, patron.Hello.QuestionTypes[0].Id, 2);

        var late = () => Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Satu hal lagi...");

        (await late.Should().ThrowAsync<ConversationTakenException>()).Which.Status.Should().Be(ConversationStatus.Closed);
        await using var db = app.CreateDbContext();
        (await db.ChatMessages.CountAsync(m => m.ConversationId == started.ConversationId, Cancel)).Should().Be(2);
    }

    [Fact]
    public async Task The_owner_closes_with_a_question_type_and_READ_level_and_the_patron_is_told()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Sudah saya kirimkan tautannya.");
        var colleague = await ColleagueAsync("Dewi Lestari");
        var isbn = patron.Hello.QuestionTypes.Single(q => q.Name == "ISBN").Id;

        var byColleague = () => Chat.CloseByLibrarianAsync(colleague, started.ConversationId, isbn, 3);
        await byColleague.Should().ThrowAsync<ConversationTakenException>();

        await Chat.CloseByLibrarianAsync(app.LibrarianId, started.ConversationId, isbn, 3);

        (await PatronClient.NextAsync(patron.Closings)).Reason.Should().Be(ConversationClosedNotice.ClosedByLibrarian);
        await using var db = app.CreateDbContext();
        var closed = await db.Conversations.SingleAsync(c => c.Id == started.ConversationId, Cancel);
        closed.Should().BeEquivalentTo(new { Status = ConversationStatus.Closed, QuestionTypeId = (int?)isbn, ReadScale = (int?)3 });
        closed.FirstResponseAt.Should().NotBeNull();
    }

    [Fact]
    public async Task A_transfer_gives_the_conversation_to_a_colleague_tells_the_patron_and_keeps_the_note_internal()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Saya alihkan ke rekan bagian ISBN.");
        (await PatronClient.NextAsync(patron.Claims)).LibrarianName.Should().Be("Sari Wulandari");
        var colleague = await ColleagueAsync("Rizky Pratama");
        var transfers = Channel.CreateUnbounded<ConversationTransferred>();
        using var subscription = app.Service<DeskNotifier>().Subscribe<ConversationTransferred>(e => transfers.Writer.WriteAsync(e).AsTask());

        await Chat.TransferAsync(app.LibrarianId, started.ConversationId, colleague, "Penerbit baru, belum punya akun.");

        (await PatronClient.NextAsync(patron.Claims)).LibrarianName.Should().Be("Rizky Pratama");
        (await PatronClient.NextAsync(transfers)).ToLibrarianId.Should().Be(colleague);
        await using var db = app.CreateDbContext();
        (await db.Conversations.SingleAsync(c => c.Id == started.ConversationId, Cancel)).OwnerId.Should().Be(colleague);
        var resumed = await patron.InvokeAsync<ResumeResponse>(PatronHubContract.Methods.Resume, new ResumeRequest(started.ConversationId, started.PatronToken, 0));
        resumed.LibrarianName.Should().Be("Rizky Pratama");
        resumed.Messages.Should().NotContain(m => m.Text.Contains("Penerbit baru", StringComparison.Ordinal));

        var stranger = () => Chat.TransferAsync(app.LibrarianId, started.ConversationId, app.LibrarianId, null);
        await stranger.Should().ThrowAsync<ConversationTakenException>("only the owner hands a conversation on");
    }

    [Fact]
    public async Task The_queue_lists_waiting_conversations_oldest_first_and_active_ones_with_their_owner()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var first = await patron.StartAsync("Pertanyaan pertama", "Antre Satu");
        var second = await patron.StartAsync("Pertanyaan kedua", "Antre Dua");
        var taken = await patron.StartAsync("Pertanyaan ketiga", "Antre Tiga");
        await Chat.ClaimAsync(app.LibrarianId, taken.ConversationId);
        (await app.Service<LibrarianDesk.Features.Members.MemberService>()
            .MarkAsync(new LibrarianDesk.Features.Audit.AuditActor(app.LibrarianId, "Sari Wulandari"), taken.ConversationId, MembershipMark.VerifiedMember, Cancel))
            .Should().BeTrue();

        var queue = await app.Service<ConversationQueries>().QueueAsync(Cancel);

        var waiting = queue.Waiting.Where(w => w.PatronName.StartsWith("Antre", StringComparison.Ordinal)).ToList();
        waiting.Select(w => w.ConversationId).Should().Equal(first.ConversationId, second.ConversationId);
        waiting[0].FirstMessagePreview.Should().Be("Pertanyaan pertama");
        queue.Active.Should().Contain(a => a.ConversationId == taken.ConversationId && a.OwnerName == "Sari Wulandari"
            && a.Membership == MembershipMark.VerifiedMember, "the membership mark shows in the queue");
    }
}
