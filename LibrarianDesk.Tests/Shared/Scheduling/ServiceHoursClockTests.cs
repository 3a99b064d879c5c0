using LibrarianDesk.Shared.Scheduling;

namespace LibrarianDesk.Tests.Scheduling;

public sealed class ServiceHoursClockTests
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    private readonly ServiceHoursClock _clock = new(DefaultServiceHours.WeeklyRanges(), DefaultServiceHours.Holidays2026());

    [Fact]
    public void Across_a_night_only_the_open_hours_count()
    {
        // Tuesday 17:00–19:00, Wednesday 09:00–11:00.
        _clock.Elapsed(Desk.Wib("2026-03-03 17:00"), Desk.Wib("2026-03-04 11:00")).Should().Be(TimeSpan.FromHours(4));

        // 24 working hours from Tuesday 17:00: 2 + 10 (Wed) + 10 (Thu) leaves 2 on Friday.
        _clock.DueAt(Desk.Wib("2026-03-03 17:00"), Day).Should().Be(Desk.Wib("2026-03-06 11:00"));
    }

    [Fact]
    public void Across_a_weekend_saturday_counts_its_short_day_and_sunday_nothing()
    {
        // Friday 18:00: 1 h Friday, 6.5 h Saturday, 10 h Monday, 6.5 h into Tuesday.
        _clock.DueAt(Desk.Wib("2026-03-06 18:00"), Day).Should().Be(Desk.Wib("2026-03-10 15:30"));
        _clock.Elapsed(Desk.Wib("2026-03-06 18:00"), Desk.Wib("2026-03-10 15:30")).Should().Be(Day);
    }

    [Fact]
    public void A_message_left_on_a_sunday_starts_counting_at_monday_opening()
    {
        _clock.Elapsed(Desk.Wib("2026-12-06 11:00"), Desk.Wib("2026-12-07 09:00")).Should().Be(TimeSpan.Zero);
        _clock.DueAt(Desk.Wib("2026-12-06 11:00"), Day).Should().Be(Desk.Wib("2026-12-09 13:00"));
    }

    [Fact]
    public void Across_a_holiday_and_its_collective_leave_neither_day_counts()
    {
        // Wednesday 13 May 17:00: 2 h, Thursday 14 (Kenaikan) and Friday 15 (cuti bersama) closed,
        // Saturday 6.5 h, Monday 10 h, 5.5 h into Tuesday 19 May.
        _clock.DueAt(Desk.Wib("2026-05-13 17:00"), Day).Should().Be(Desk.Wib("2026-05-19 14:30"));
        _clock.Elapsed(Desk.Wib("2026-05-13 17:00"), Desk.Wib("2026-05-18 19:00")).Should().Be(TimeSpan.FromHours(18.5));
    }

    [Fact]
    public void A_target_that_runs_out_at_closing_is_due_at_closing()
    {
        _clock.DueAt(Desk.Wib("2026-03-04 09:00"), TimeSpan.FromHours(10)).Should().Be(Desk.Wib("2026-03-04 19:00"));
    }

    [Fact]
    public void A_configurable_target_and_a_zero_target()
    {
        _clock.DueAt(Desk.Wib("2026-03-04 09:00"), TimeSpan.FromHours(8)).Should().Be(Desk.Wib("2026-03-04 17:00"));
        _clock.DueAt(Desk.Wib("2026-03-04 22:00"), TimeSpan.Zero).Should().Be(Desk.Wib("2026-03-04 22:00"));
    }

    [Fact]
    public void A_schedule_without_ranges_is_never_due()
    {
        new ServiceHoursClock([], []).DueAt(Desk.Wib("2026-03-04 09:00"), Day).Should().BeNull();
    }

    [Fact]
    public void Edits_to_the_ranges_passed_in_change_nothing()
    {
        var week = DefaultServiceHours.WeeklyRanges().ToList();
        var clock = new ServiceHoursClock(week, []);
        week[0].Closes = new TimeOnly(10, 0);

        clock.DueAt(Desk.Wib("2026-03-02 09:00"), TimeSpan.FromHours(10)).Should().Be(Desk.Wib("2026-03-02 19:00"));
    }
}
