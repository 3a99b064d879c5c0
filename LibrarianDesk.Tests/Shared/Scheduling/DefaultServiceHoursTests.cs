using LibrarianDesk.Shared.Scheduling;

namespace LibrarianDesk.Tests.Scheduling;

public sealed class DefaultServiceHoursTests
{
    [Fact]
    public void The_week_is_weekdays_nine_to_seven_saturday_nine_to_half_past_three_and_no_sunday()
    {
        var nineToSeven = Enumerable.Range((int)DayOfWeek.Monday, 5)
            .Select(d => ((DayOfWeek)d, new TimeOnly(9, 0), new TimeOnly(19, 0)));

        DefaultServiceHours.WeeklyRanges().Select(r => (r.Day, r.Opens, r.Closes)).Should().BeEquivalentTo(
            nineToSeven.Append((DayOfWeek.Saturday, new TimeOnly(9, 0), new TimeOnly(15, 30))));
    }

    [Fact]
    public void Each_call_returns_new_entities()
    {
        DefaultServiceHours.WeeklyRanges()[0].Should().NotBeSameAs(DefaultServiceHours.WeeklyRanges()[0]);
        DefaultServiceHours.Holidays2026()[0].Should().NotBeSameAs(DefaultServiceHours.Holidays2026()[0]);
    }

    [Fact]
    public void Holidays_2026_are_exactly_the_dates_of_the_skb()
    {
        DateOnly[] expected =
        [
            new(2026, 1, 1), new(2026, 1, 16),
            new(2026, 2, 16), new(2026, 2, 17),
            new(2026, 3, 18), new(2026, 3, 19),
            new(2026, 3, 20), new(2026, 3, 21), new(2026, 3, 22), new(2026, 3, 23), new(2026, 3, 24),
            new(2026, 4, 3), new(2026, 4, 5),
            new(2026, 5, 1), new(2026, 5, 14), new(2026, 5, 15), new(2026, 5, 27), new(2026, 5, 28), new(2026, 5, 31),
            new(2026, 6, 1), new(2026, 6, 16),
            new(2026, 8, 17), new(2026, 8, 25),
            new(2026, 12, 24), new(2026, 12, 25),
        ];

        DefaultServiceHours.Holidays2026().Select(h => h.Date).Should().BeEquivalentTo(expected)
            .And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void Every_2026_holiday_has_a_name_that_fits_the_column()
    {
        DefaultServiceHours.Holidays2026().Should().OnlyContain(
            h => !string.IsNullOrWhiteSpace(h.Name) && h.Name.Length <= Holiday.MaxNameLength);
    }

    [Fact]
    public void The_eight_cuti_bersama_days_of_2026_are_collective_leave_and_the_rest_national_holidays()
    {
        DateOnly[] cutiBersama =
        [
            new(2026, 2, 16), new(2026, 3, 18), new(2026, 3, 20), new(2026, 3, 23), new(2026, 3, 24),
            new(2026, 5, 15), new(2026, 5, 28), new(2026, 12, 24),
        ];

        var holidays = DefaultServiceHours.Holidays2026();

        holidays.Where(h => h.Kind == HolidayKind.CollectiveLeave).Select(h => h.Date).Should().BeEquivalentTo(cutiBersama);
        holidays.Count(h => h.Kind == HolidayKind.NationalHoliday).Should().Be(17);
    }

    [Theory]
    [InlineData(1, 16, "Isra Mikraj Nabi Muhammad SAW")]
    [InlineData(2, 17, "Tahun Baru Imlek 2577 Kongzili")]
    [InlineData(3, 19, "Hari Suci Nyepi Tahun Baru Saka 1948")]
    [InlineData(3, 21, "Idulfitri 1447 Hijriah")]
    [InlineData(5, 31, "Hari Raya Waisak 2570 BE")]
    [InlineData(8, 17, "Proklamasi Kemerdekaan")]
    public void Holidays_2026_carry_their_indonesian_names(int month, int day, string name)
    {
        DefaultServiceHours.Holidays2026().Should().ContainSingle(h => h.Date == new DateOnly(2026, month, day))
            .Which.Name.Should().Be(name);
    }
}
