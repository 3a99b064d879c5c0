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
    private LibrarianChat Chat => app.Service<LibrarianChat>();

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
    public async Task Each_message_reaches_the_open_workspaces_as_stored_with_its_author_so_they_need_not_read_it()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        var colleague = await ColleagueAsync("Budi Santoso");
        var added = Channel.CreateUnbounded<ConversationMessageAdded>();
        using var subscription = app.Service<DeskNotifier>().Subscribe<ConversationMessageAdded>(e =>
            e.ConversationId == started.ConversationId ? added.Writer.WriteAsync(e).AsTask() : Task.CompletedTask);

        await patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
            new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), "Apakah ada buku tentang <b>batik</b>?"));
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Ada, sebentar saya carikan.");
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Di rak 745, lantai 3.", PatronClient.NewMessageId());
        await Chat.AddNoteAsync(colleague, started.ConversationId, "Cek juga koleksi langka.");

        var lines = new List<TranscriptLine>();
        for (var i = 0; i < 4; i++)
        {
            lines.Add((await added.Reader.ReadAsync(Cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(5), Cancel)).Line);
        }

        var stored = (await app.Service<ConversationQueries>().DetailAsync(started.ConversationId, Cancel))!.Lines.Skip(1);
        lines.Should().BeEquivalentTo(stored, o => o.WithStrictOrdering(),
            "the patron's message, the claiming first reply, a usual reply and a colleague's note each carry what reading them back would give");
        lines.Select(l => l.AuthorName).Should().Equal(null, "Sari Wulandari", "Sari Wulandari", "Budi Santoso");
    }

    [Fact]
    public async Task A_resent_reply_answers_with_the_message_stored_the_first_time_and_is_published_once()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Halo, saya Sari.");
        var added = Channel.CreateUnbounded<ConversationMessageAdded>();
        using var subscription = app.Service<DeskNotifier>().Subscribe<ConversationMessageAdded>(e =>
            e.ConversationId == started.ConversationId ? added.Writer.WriteAsync(e).AsTask() : Task.CompletedTask);
        var clientMessageId = PatronClient.NewMessageId();

        var first = await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Bukunya ada.", clientMessageId);
        var again = await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Bukunya ada.", clientMessageId);

        again.IsResend.Should().BeTrue();
        again.Line.Should().BeEquivalentTo(first.Line, "the resend is answered with the stored message, its id and author included");
        (await added.Reader.ReadAsync(Cancel).AsTask().WaitAsync(TimeSpan.FromSeconds(5), Cancel)).Line.Should().BeEquivalentTo(first.Line);
        added.Reader.TryRead(out _).Should().BeFalse("a resend stores and publishes nothing new");
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
    public async Task The_owners_later_replies_reach_the_patron_with_her_name_and_are_stored_as_hers_without_moving_the_first_response()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Halo, saya bantu.");
        (await PatronClient.NextAsync(patron.Messages)).Sequence.Should().Be(2);
        DateTimeOffset? firstResponse;
        await using (var db = app.CreateDbContext())
        {
            firstResponse = (await db.Conversations.SingleAsync(c => c.Id == started.ConversationId, Cancel)).FirstResponseAt;
        }

        var later = await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "  Bukunya ada di lantai 3.  ");

        later.Should().BeEquivalentTo(new { Sequence = 3, Text = "Bukunya ada di lantai 3.", IsResend = false, AuthorName = "Sari Wulandari" });
        (await PatronClient.NextAsync(patron.Messages)).Should().BeEquivalentTo(
            new { Sequence = 3, Author = PatronMessage.FromLibrarian, AuthorName = "Sari Wulandari", Text = "Bukunya ada di lantai 3." });
        await using (var db = app.CreateDbContext())
        {
            var stored = await db.ChatMessages.SingleAsync(m => m.ConversationId == started.ConversationId && m.Sequence == 3, Cancel);
            stored.Should().BeEquivalentTo(new { Author = MessageAuthor.Librarian, AuthorId = app.LibrarianId, Text = "Bukunya ada di lantai 3." });
            var conversation = await db.Conversations.SingleAsync(c => c.Id == started.ConversationId, Cancel);
            conversation.LastSequence.Should().Be(3);
            conversation.FirstResponseAt.Should().Be(firstResponse);
        }
    }

    [Fact]
    public async Task After_a_transfer_the_former_owner_is_refused_and_the_new_owner_answers_under_her_own_name()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Saya alihkan, ya.");
        var colleague = await ColleagueAsync("Dewi Lestari");
        await Chat.TransferAsync(app.LibrarianId, started.ConversationId, colleague, null);

        var former = () => Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Satu lagi dari saya.");
        (await former.Should().ThrowAsync<ConversationTakenException>()).Which.OwnerName.Should().Be("Dewi Lestari");

        await Chat.ReplyAsync(colleague, started.ConversationId, "Halo, saya Dewi, saya lanjutkan.");
        (await PatronClient.NextAsync(patron.Messages)).Should().BeEquivalentTo(new { Sequence = 2, AuthorName = "Sari Wulandari" });
        (await PatronClient.NextAsync(patron.Messages)).Should().BeEquivalentTo(new { Sequence = 3, Author = PatronMessage.FromSystem });
        (await PatronClient.NextAsync(patron.Messages)).Should().BeEquivalentTo(
            new { Sequence = 4, AuthorName = "Dewi Lestari", Text = "Halo, saya Dewi, saya lanjutkan." }, "nothing of the refused reply was stored or sent");
    }

    [Fact]
    public async Task A_reply_sent_again_with_the_same_client_message_id_is_stored_and_pushed_once()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Halo.");
        (await PatronClient.NextAsync(patron.Messages)).Sequence.Should().Be(2);
        var clientMessageId = PatronClient.NewMessageId();

        var first = await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Ini tautannya.", clientMessageId);
        var again = await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Ini tautannya.", clientMessageId);
        await Chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Ada lagi?");

        again.Should().BeEquivalentTo(new { first.Sequence, first.SentAt, IsResend = true });
        (await PatronClient.NextAsync(patron.Messages)).Sequence.Should().Be(3);
        (await PatronClient.NextAsync(patron.Messages)).Should().BeEquivalentTo(new { Sequence = 4, Text = "Ada lagi?" }, "the resend is not pushed again");
        await using var db = app.CreateDbContext();
        (await db.ChatMessages.CountAsync(m => m.ConversationId == started.ConversationId, Cancel)).Should().Be(4);
    }

    [Theory]
    [InlineData("   ", ChatMessage.EmptyMessage)]
    [InlineData(null, ChatMessage.MessageTooLong)]
    public async Task An_empty_or_overlong_reply_is_refused_and_does_not_take_the_waiting_conversation(string? text, string code)
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();

        var reply = () => Chat.ReplyAsync(app.LibrarianId, started.ConversationId, text ?? new string('a', ChatMessage.MaxTextLength + 1));

        (await reply.Should().ThrowAsync<ConversationRuleException>()).Which.Code.Should().Be(code);
        await using var db = app.CreateDbContext();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == started.ConversationId, Cancel);
        conversation.Status.Should().Be(ConversationStatus.Waiting);
        conversation.LastSequence.Should().Be(1);
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
