using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Reporting;
using LibrarianDesk.Tests.Scheduling;

namespace LibrarianDesk.Tests.Reporting;

public sealed class ConversationMetricsTests
{
    private readonly MetricClock clock = new(Desk.Seeded2026());

    [Fact]
    public void Within_service_hours_both_clocks_agree_to_the_millisecond()
    {
        clock.Between(Desk.Wib("2026-11-24 10:00:00"), Desk.Wib("2026-11-24 10:00:00").AddMilliseconds(72_345))
            .Should().Be(new ElapsedTime(72.345, 72.345));
    }

    [Fact]
    public void Across_a_night_only_the_open_minutes_count_in_service_hours()
    {
        // Tuesday 18:50–19:00 and Wednesday 09:00–09:05 are open; the night between is not.
        clock.Between(Desk.Wib("2026-11-24 18:50:00"), Desk.Wib("2026-11-25 09:05:00"))
            .Should().Be(new ElapsedTime(14 * 3600 + 15 * 60, 15 * 60));
    }

    [Fact]
    public void Across_christmas_the_leave_day_and_the_holiday_count_for_nothing()
    {
        // Wednesday 23 Dec 18:55–19:00, Thursday 24 (cuti bersama) and Friday 25 (holiday) closed, Saturday 26 from 09:00 to 09:10.
        clock.Between(Desk.Wib("2026-12-23 18:55:00"), Desk.Wib("2026-12-26 09:10:00"))
            .Should().Be(new ElapsedTime(2 * 86_400 + 14 * 3600 + 15 * 60, 15 * 60));
    }

    [Fact]
    public void Over_a_weekend_saturday_afternoon_and_monday_morning_count()
    {
        clock.Between(Desk.Wib("2026-11-28 15:20:00"), Desk.Wib("2026-11-30 09:02:00"))
            .Should().Be(new ElapsedTime(41 * 3600 + 42 * 60, 12 * 60));
    }

    [Fact]
    public void Entirely_on_a_sunday_nothing_counts_in_service_hours()
    {
        clock.Between(Desk.Wib("2026-11-29 10:00:00"), Desk.Wib("2026-11-29 11:00:00"))
            .Should().Be(new ElapsedTime(3600, 0));
    }

    [Fact]
    public void An_interval_that_ends_before_it_starts_is_zero()
    {
        clock.Between(Desk.Wib("2026-11-24 10:00:00"), Desk.Wib("2026-11-24 09:00:00")).Should().Be(ElapsedTime.Zero);
    }

    [Fact]
    public void A_conversation_taken_then_answered_then_closed_the_next_morning_has_all_three_metrics()
    {
        var started = Desk.Wib("2026-11-24 18:59:00");
        var conversation = Conversation.Start(Guid.NewGuid(), "Siti Rahma", null, null, 1, null, started);
        conversation.Append(MessageAuthor.Patron, null, "Apakah ada peta Batavia?", started);
        conversation.Claim("librarian-1", started.AddSeconds(100));
        conversation.Append(MessageAuthor.Librarian, "librarian-1", "Ada, sebentar saya carikan.", started.AddSeconds(160));
        conversation.Close(Desk.Wib("2026-11-25 09:10:00"), Classification.Of(1, 2));

        conversation.RecordMetrics(clock);

        conversation.WaitSeconds.Should().Be(100);
        conversation.WaitServiceSeconds.Should().Be(60, "the desk closed at 19:00");
        conversation.FirstResponseSeconds.Should().Be(160);
        conversation.FirstResponseServiceSeconds.Should().Be(60);
        conversation.DurationSeconds.Should().Be(14 * 3600 + 9 * 60 + 20, "claimed at 19:00:40, closed at 09:10:00");
        conversation.DurationServiceSeconds.Should().Be(10 * 60);
    }

    [Fact]
    public void A_missed_conversation_has_no_wait_no_first_response_and_no_duration()
    {
        var started = Desk.Wib("2026-11-24 10:00:00");
        var conversation = Conversation.Start(Guid.NewGuid(), "Budi", null, null, 1, null, started);
        conversation.Append(MessageAuthor.Patron, null, "Halo?", started);
        conversation.MarkMissed(started.AddMinutes(3));

        conversation.RecordMetrics(clock);

        new[] { conversation.WaitSeconds, conversation.FirstResponseSeconds, conversation.DurationSeconds, conversation.WaitServiceSeconds }
            .Should().AllSatisfy(v => v.Should().BeNull());
    }

    [Fact]
    public void A_conversation_taken_but_not_yet_answered_has_only_its_wait()
    {
        var started = Desk.Wib("2026-11-24 10:00:00");
        var conversation = Conversation.Start(Guid.NewGuid(), "Budi", null, null, 1, null, started);
        conversation.Append(MessageAuthor.Patron, null, "Halo?", started);
        conversation.Claim("librarian-1", started.AddSeconds(42));

        var metrics = ConversationMetrics.Of(conversation, clock);

        metrics.Should().Be(new ConversationMetrics(new ElapsedTime(42, 42), null, null));
    }
}
