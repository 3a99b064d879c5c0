using LibrarianDesk.Shared.Scheduling;

namespace LibrarianDesk.Tests.Scheduling;

public sealed class ServiceHoursNextOpeningTests
{
    private readonly ServiceHours _desk = Desk.Seeded2026();

    [Fact]
    public void From_friday_at_seven_pm_it_is_saturday_at_nine()
    {
        _desk.NextOpening(Desk.Wib("2026-03-06 19:00:00")).Should().BeExactly(Desk.Wib("2026-03-07 09:00:00"));
    }

    [Fact]
    public void From_saturday_at_half_past_three_it_is_monday_at_nine()
    {
        _desk.NextOpening(Desk.Wib("2026-03-07 15:30:00")).Should().BeExactly(Desk.Wib("2026-03-09 09:00:00"));
    }

    [Fact]
    public void From_early_morning_it_is_nine_the_same_day()
    {
        _desk.NextOpening(Desk.Wib("2026-03-09 07:15:00")).Should().BeExactly(Desk.Wib("2026-03-09 09:00:00"));
    }

    [Fact]
    public void Across_nyepi_and_the_idulfitri_cuti_bersama_it_is_the_following_wednesday()
    {
        // 18 Mar cuti Nyepi, 19 Nyepi, 20 cuti, 21–22 Idulfitri, 23–24 cuti: closed Wednesday to Tuesday.
        _desk.NextOpening(Desk.Wib("2026-03-18 10:00:00")).Should().BeExactly(Desk.Wib("2026-03-25 09:00:00"));
    }

    [Fact]
    public void At_the_opening_moment_it_is_that_moment()
    {
        _desk.NextOpening(Desk.Wib("2026-03-07 09:00:00")).Should().BeExactly(Desk.Wib("2026-03-07 09:00:00"));
    }

    [Fact]
    public void While_open_it_is_the_opening_after_the_current_period()
    {
        _desk.NextOpening(Desk.Wib("2026-03-06 12:00:00")).Should().BeExactly(Desk.Wib("2026-03-07 09:00:00"));
    }

    [Fact]
    public void An_instant_given_in_utc_gets_the_answer_in_wib()
    {
        var fridaySevenPmWib = new DateTimeOffset(2026, 3, 6, 12, 0, 0, TimeSpan.Zero);

        _desk.NextOpening(fridaySevenPmWib).Should().BeExactly(Desk.Wib("2026-03-07 09:00:00"));
    }

    [Fact]
    public void Touching_ranges_do_not_count_as_a_new_opening()
    {
        var desk = new ServiceHours(
            [
                OpeningRange.Create(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(12, 0)),
                OpeningRange.Create(DayOfWeek.Monday, new TimeOnly(12, 0), new TimeOnly(15, 0)),
            ],
            []);

        desk.NextOpening(Desk.Wib("2026-03-09 10:00:00")).Should().BeExactly(Desk.Wib("2026-03-16 09:00:00"));
    }

    [Fact]
    public void An_empty_schedule_never_opens()
    {
        new ServiceHours([], DefaultServiceHours.Holidays2026())
            .NextOpening(Desk.Wib("2026-03-06 10:00:00")).Should().BeNull();
    }

    [Fact]
    public void A_schedule_hidden_by_holidays_for_more_than_a_year_gives_up()
    {
        var start = new DateOnly(2026, 1, 1);
        var everyDay = Enumerable.Range(0, 800)
            .Select(i => new Holiday { Date = start.AddDays(i), Name = "x", Kind = HolidayKind.NationalHoliday });
        var desk = new ServiceHours(DefaultServiceHours.WeeklyRanges(), everyDay);

        desk.NextOpening(Desk.Wib("2026-01-01 00:00:00")).Should().BeNull();
    }
}
