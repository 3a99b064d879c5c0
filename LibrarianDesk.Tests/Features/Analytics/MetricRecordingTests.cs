using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WibDesk = LibrarianDesk.Tests.Scheduling.Desk;

namespace LibrarianDesk.Tests.Features.Analytics;

/// <summary>Metrics and presence periods are stored when their events happen, through the desk's own services.</summary>
public sealed class MetricRecordingTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Taking_answering_and_closing_record_wait_first_response_and_duration_in_both_clocks()
    {
        // Tuesday 18:59:00 WIB; the desk closes at 19:00 and opens again at 09:00.
        var clock = new AdjustableClock(WibDesk.Wib("2026-11-24 18:59:00"));
        var patron = ActivatorUtilities.CreateInstance<PatronChat>(app.Services, (TimeProvider)clock);
        var chat = ActivatorUtilities.CreateInstance<LibrarianChat>(app.Services, (TimeProvider)clock);
        var questionType = await Queue.Conversations.FirstQuestionTypeAsync(app);
        var started = await patron.StartAsync(
            new StartConversationRequest("Siti Rahma", "siti@contoh.id", null, questionType.Id, "Ada peta Batavia?", PatronClient.NewMessageId()), "id");
        var id = started.Response.ConversationId;

        clock.Set(WibDesk.Wib("2026-11-24 19:00:40"));
        await chat.ClaimAsync(app.LibrarianId, id);
        var taken = await Queue.Conversations.ReadAsync(app, id);
        (taken.WaitSeconds, taken.WaitServiceSeconds, taken.FirstResponseSeconds).Should().Be((100d, 60d, (double?)null));

        clock.Set(WibDesk.Wib("2026-11-25 09:00:30"));
        await chat.ReplyAsync(app.LibrarianId, id, "Selamat pagi, ada. Saya kirimkan tautannya.");
        clock.Set(WibDesk.Wib("2026-11-25 09:10:00"));
        await chat.CloseByLibrarianAsync(app.LibrarianId, id, questionType.Id, 2);

        var closed = await Queue.Conversations.ReadAsync(app, id);
        closed.FirstResponseSeconds.Should().Be(14 * 3600 + 90, "18:59:00 to 09:00:30 the next day");
        closed.FirstResponseServiceSeconds.Should().Be(90, "60 s before closing and 30 s after opening");
        closed.DurationSeconds.Should().Be(14 * 3600 + 9 * 60 + 20);
        closed.DurationServiceSeconds.Should().Be(600);
        closed.WaitSeconds.Should().Be(100, "the wait recorded at the claim stays");
    }

    [Fact]
    public async Task A_presence_change_ends_the_open_period_and_going_offline_opens_none()
    {
        var librarian = await StaffAccounts.CreateAsync(app, $"dewi-{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], "Dewi Lestari");
        var clock = new AdjustableClock(WibDesk.Wib("2026-11-24 09:00:00"));
        var presence = ActivatorUtilities.CreateInstance<PresenceService>(app.Services, (TimeProvider)clock);

        await presence.SetAsync(librarian.Id, Presence.Online, Cancel);
        clock.Set(WibDesk.Wib("2026-11-24 11:00:00"));
        await presence.SetAsync(librarian.Id, Presence.Online, Cancel);
        clock.Set(WibDesk.Wib("2026-11-24 12:00:00"));
        await presence.SetAsync(librarian.Id, Presence.Away, Cancel);
        clock.Set(WibDesk.Wib("2026-11-24 12:30:00"));
        await presence.SetAsync(librarian.Id, Presence.Offline, Cancel);

        await using var db = app.CreateDbContext();
        var periods = await db.PresencePeriods.AsNoTracking().Where(p => p.LibrarianId == librarian.Id).OrderBy(p => p.StartedAt).ToListAsync(Cancel);
        periods.Select(p => (p.Presence, p.StartedAt, p.EndedAt)).Should().Equal(
            (Presence.Online, WibDesk.Wib("2026-11-24 09:00:00"), (DateTimeOffset?)WibDesk.Wib("2026-11-24 12:00:00")),
            (Presence.Away, WibDesk.Wib("2026-11-24 12:00:00"), (DateTimeOffset?)WibDesk.Wib("2026-11-24 12:30:00")));
    }
}
