using LibrarianDesk.Shared.Scheduling;

namespace LibrarianDesk.Tests.Scheduling;

public sealed class ServiceHoursOpenTimeBetweenTests
{
    private readonly ServiceHours _desk = Desk.Seeded2026();

    [Fact]
    public void Within_one_opening_it_is_the_plain_difference()
    {
        _desk.OpenTimeBetween(Desk.Wib("2026-03-06 10:00:00"), Desk.Wib("2026-03-06 10:42:30"))
            .Should().Be(new TimeSpan(0, 42, 30));
    }

    [Fact]
    public void Over_a_weekend_only_saturday_morning_counts()
    {
        // Friday 18:00–19:00, Saturday 09:00–15:30, Monday 09:00–10:00.
        _desk.OpenTimeBetween(Desk.Wib("2026-03-06 18:00:00"), Desk.Wib("2026-03-09 10:00:00"))
            .Should().Be(TimeSpan.FromHours(1 + 6.5 + 1));
    }

    [Fact]
    public void Over_a_weekday_holiday_that_day_counts_for_nothing()
    {
        // Thursday 18:00–19:00, Friday 16 January is Isra Mikraj, Saturday 09:00–15:30, Monday 09:00–10:00.
        _desk.OpenTimeBetween(Desk.Wib("2026-01-15 18:00:00"), Desk.Wib("2026-01-19 10:00:00"))
            .Should().Be(TimeSpan.FromHours(1 + 6.5 + 1));
    }

    [Fact]
    public void Over_the_idulfitri_break_only_the_days_either_side_count()
    {
        _desk.OpenTimeBetween(Desk.Wib("2026-03-17 09:00:00"), Desk.Wib("2026-03-26 09:00:00"))
            .Should().Be(TimeSpan.FromHours(10 + 10));
    }

    [Fact]
    public void Entirely_outside_hours_it_is_zero()
    {
        _desk.OpenTimeBetween(Desk.Wib("2026-03-06 19:00:00"), Desk.Wib("2026-03-07 09:00:00"))
            .Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void A_reversed_interval_is_zero()
    {
        _desk.OpenTimeBetween(Desk.Wib("2026-03-06 12:00:00"), Desk.Wib("2026-03-06 10:00:00"))
            .Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Instants_in_any_offset_measure_the_same()
    {
        var fromUtc = new DateTimeOffset(2026, 3, 6, 11, 0, 0, TimeSpan.Zero);
        var toUtc = new DateTimeOffset(2026, 3, 9, 3, 0, 0, TimeSpan.Zero);

        _desk.OpenTimeBetween(fromUtc, toUtc).Should().Be(TimeSpan.FromHours(1 + 6.5 + 1));
    }

    [Fact]
    public void A_whole_ordinary_week_is_fifty_six_and_a_half_hours()
    {
        _desk.OpenTimeBetween(Desk.Wib("2026-03-02 00:00:00"), Desk.Wib("2026-03-09 00:00:00"))
            .Should().Be(TimeSpan.FromHours((5 * 10) + 6.5));
    }
}
