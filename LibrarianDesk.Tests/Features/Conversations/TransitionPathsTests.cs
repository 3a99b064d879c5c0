using LibrarianDesk.Data;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Scheduling;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WibDesk = LibrarianDesk.Tests.Scheduling.Desk;

namespace LibrarianDesk.Tests.Features.Conversations;

/// <summary>
/// A transition the desk runs in one statement (a claim, the sweeper's missed mark) or through the message
/// writer (an append) leaves the conversation exactly as the domain's own method does: the same state, the
/// same metrics, the same sequence numbers.
/// </summary>
public sealed class TransitionPathsTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    // Tuesday 18:59:00 WIB; the desk closes at 19:00, so the wall-clock and service-hours metrics differ.
    private static readonly DateTimeOffset Started = WibDesk.Wib("2026-11-24 18:59:00");
    private static readonly DateTimeOffset Later = WibDesk.Wib("2026-11-24 19:00:40");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_claim_in_one_statement_stores_what_the_entity_claim_stores()
    {
        var clock = new AdjustableClock(Started);
        var oneStatement = await StartAsync(clock);
        var entity = await StartAsync(clock);

        clock.Set(Later);
        await Service<LibrarianChat>(clock).ClaimAsync(app.LibrarianId, oneStatement);
        await ChangeAsync(entity, c => c.Claim(app.LibrarianId, Later));

        var claimed = await RowAsync(oneStatement);
        claimed.Should().Be(await RowAsync(entity));
        (claimed.Status, claimed.WaitSeconds, claimed.WaitServiceSeconds).Should().Be((ConversationStatus.Active, 100d, 60d));
    }

    [Fact]
    public async Task A_first_reply_to_a_waiting_conversation_stores_what_the_entity_claim_and_append_store()
    {
        var clock = new AdjustableClock(Started);
        var replied = await StartAsync(clock);
        var entity = await StartAsync(clock);

        clock.Set(Later);
        await Service<LibrarianChat>(clock).ReplyAsync(app.LibrarianId, replied, "Ada, di lantai 5.");
        await ChangeAsync(entity, c =>
        {
            c.Claim(app.LibrarianId, Later);
            c.Append(MessageAuthor.Librarian, app.LibrarianId, "Ada, di lantai 5.", Later);
        });

        var answered = await RowAsync(replied);
        answered.Should().Be(await RowAsync(entity));
        (answered.FirstResponseSeconds, answered.FirstResponseServiceSeconds).Should().Be((100d, 60d));
    }

    [Fact]
    public async Task The_sweepers_missed_mark_stores_what_the_blocked_path_stores()
    {
        var clock = new AdjustableClock(Started);
        var swept = await StartAsync(clock);
        var blocked = await StartAsync(clock);

        clock.Set(Later);
        var lifecycle = Service<ConversationLifecycle>(clock);
        (await lifecycle.MarkMissedAsync(swept)).Should().BeTrue();
        await lifecycle.EndBlockedAsync(blocked);

        var missed = await RowAsync(swept);
        missed.Should().Be(await RowAsync(blocked));
        (missed.Status, missed.ClosedAt).Should().Be((ConversationStatus.Missed, (DateTimeOffset?)Later));
    }

    [Fact]
    public async Task Messages_take_the_next_number_whichever_path_writes_them()
    {
        var patron = app.Service<PatronChat>();
        var librarian = app.Service<LibrarianChat>();
        var started = await Queue.Conversations.StartedAsync(app);
        var id = started.ConversationId;

        await patron.SendPatronMessageAsync(new SendMessageRequest(id, started.PatronToken, PatronClient.NewMessageId(), "Masih ada?"));
        await librarian.ReplyAsync(app.LibrarianId, id, "Ada, saya carikan.");
        await librarian.ReplyAsync(app.LibrarianId, id, "Di lantai 5.");
        await librarian.AddNoteAsync(app.LibrarianId, id, "Pemustaka peneliti.");
        await patron.SendPatronMessageAsync(new SendMessageRequest(id, started.PatronToken, PatronClient.NewMessageId(), "Terima kasih."));

        await using var db = app.CreateDbContext();
        var sequences = await db.ChatMessages.Where(m => m.ConversationId == id).OrderBy(m => m.Id).Select(m => m.Sequence).ToListAsync(Cancel);
        var expected = new List<int> { 1 };
        while (expected.Count < 6)
        {
            expected.Add(Conversation.SequenceAfter(expected[^1]));
        }

        sequences.Should().Equal(expected, "the writer (patron messages, the usual reply) and the domain (start, first reply, note) number alike");
        (await RowAsync(id)).LastSequence.Should().Be(expected[^1]);
    }

    private T Service<T>(TimeProvider clock) => ActivatorUtilities.CreateInstance<T>(app.Services, clock);

    private async Task<Guid> StartAsync(TimeProvider clock)
    {
        var questionType = await Queue.Conversations.FirstQuestionTypeAsync(app);
        var started = await Service<PatronChat>(clock).StartAsync(
            new StartConversationRequest("Siti Rahma", "siti@contoh.id", null, questionType.Id, "Ada peta Batavia?", PatronClient.NewMessageId()), "id");
        return started.Response.ConversationId;
    }

    /// <summary>The change through the entity, its metrics recorded, as the desk's other paths do.</summary>
    private async Task ChangeAsync(Guid id, Action<Conversation> change)
    {
        await using var db = app.CreateDbContext();
        var conversation = await db.Conversations.SingleAsync(c => c.Id == id, Cancel);
        change(conversation);
        conversation.RecordMetrics(await app.Service<ServiceHoursStore>().MetricClockAsync());
        using (await app.Service<SqliteWriteGate>().EnterAsync(Cancel))
        {
            await db.SaveChangesAsync(Cancel);
        }
    }

    private async Task<Row> RowAsync(Guid id)
    {
        await using var db = app.CreateDbContext();
        return await db.Conversations.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new Row(c.Status, c.OwnerId, c.ClaimedAt, c.FirstResponseAt, c.ClosedAt, c.LastSequence,
                c.WaitSeconds, c.WaitServiceSeconds, c.FirstResponseSeconds, c.FirstResponseServiceSeconds, c.DurationSeconds, c.DurationServiceSeconds))
            .SingleAsync(Cancel);
    }

    private sealed record Row(
        ConversationStatus Status, string? OwnerId, DateTimeOffset? ClaimedAt, DateTimeOffset? FirstResponseAt, DateTimeOffset? ClosedAt, int LastSequence,
        double? WaitSeconds, double? WaitServiceSeconds, double? FirstResponseSeconds, double? FirstResponseServiceSeconds,
        double? DurationSeconds, double? DurationServiceSeconds);
}
