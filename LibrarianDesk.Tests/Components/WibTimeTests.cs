using System.Globalization;
using LibrarianDesk.Components;

namespace LibrarianDesk.Tests.Components;

public sealed class WibTimeTests
{
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>07:05 UTC on Monday 28 December 2026 is 14:05 WIB.</summary>
    private static readonly DateTimeOffset MondayAfternoon = new(2026, 12, 28, 7, 5, 0, TimeSpan.Zero);

    [Fact]
    public void An_instant_in_indonesian_reads_day_date_and_time_with_a_dot()
    {
        WibTime.Format(MondayAfternoon, Indonesian).Should().Be("Sen, 28 Des 2026 14.05 WIB");
    }

    [Fact]
    public void An_instant_in_english_reads_day_date_and_time_with_a_colon()
    {
        WibTime.Format(MondayAfternoon, English).Should().Be("Mon 28 Dec 2026 14:05 WIB");
    }

    [Theory]
    [InlineData("id-ID", "Sen, 28 Des 2026 14.05 WIB")]
    [InlineData("en-US", "Mon 28 Dec 2026 14:05 WIB")]
    [InlineData("en-GB", "Mon 28 Dec 2026 14:05 WIB")]
    public void Regional_cultures_format_like_their_language(string culture, string expected)
    {
        WibTime.Format(MondayAfternoon, CultureInfo.GetCultureInfo(culture)).Should().Be(expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(-5)]
    [InlineData(7)]
    public void An_instant_given_with_any_offset_is_shown_in_wib(int offsetHours)
    {
        var sameInstant = MondayAfternoon.ToOffset(TimeSpan.FromHours(offsetHours));

        WibTime.Format(sameInstant, Indonesian).Should().Be("Sen, 28 Des 2026 14.05 WIB");
        WibTime.Format(sameInstant, English).Should().Be("Mon 28 Dec 2026 14:05 WIB");
    }

    [Fact]
    public void An_instant_late_in_the_utc_evening_falls_on_the_next_wib_day()
    {
        // 20:30 UTC on Sunday 27 December is 03:30 on Monday 28 December in Jakarta.
        var lateSunday = new DateTimeOffset(2026, 12, 27, 20, 30, 0, TimeSpan.Zero);

        WibTime.Format(lateSunday, Indonesian).Should().Be("Sen, 28 Des 2026 03.30 WIB");
        WibTime.Format(lateSunday, English).Should().Be("Mon 28 Dec 2026 03:30 WIB");
    }

    [Fact]
    public void An_instant_in_new_york_time_is_converted_to_wib()
    {
        // 19:05 on Sunday 27 December in New York (UTC−5) is 07:05 on Monday 28 December in Jakarta.
        var newYork = new DateTimeOffset(2026, 12, 27, 19, 5, 0, TimeSpan.FromHours(-5));

        WibTime.Format(newYork, English).Should().Be("Mon 28 Dec 2026 07:05 WIB");
    }

    [Fact]
    public void Without_a_culture_the_current_ui_culture_is_used()
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = English;
            WibTime.Format(MondayAfternoon).Should().Be("Mon 28 Dec 2026 14:05 WIB");

            CultureInfo.CurrentUICulture = Indonesian;
            WibTime.Format(MondayAfternoon).Should().Be("Sen, 28 Des 2026 14.05 WIB");
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Theory]
    [InlineData(2026, 12, 28, "Sen, 28 Des 2026", "Mon 28 Dec 2026")]
    [InlineData(2026, 8, 17, "Sen, 17 Agu 2026", "Mon 17 Aug 2026")]
    [InlineData(2026, 3, 1, "Min, 1 Mar 2026", "Sun 1 Mar 2026")]
    [InlineData(2026, 5, 27, "Rab, 27 Mei 2026", "Wed 27 May 2026")]
    public void A_date_is_written_with_the_short_day_and_month_of_each_language(
        int year, int month, int day, string indonesian, string english)
    {
        var date = new DateOnly(year, month, day);

        WibTime.FormatDate(date, Indonesian).Should().Be(indonesian);
        WibTime.FormatDate(date, English).Should().Be(english);
    }

    [Theory]
    [InlineData(14, 5, "14.05", "14:05")]
    [InlineData(9, 0, "09.00", "09:00")]
    [InlineData(0, 0, "00.00", "00:00")]
    [InlineData(23, 59, "23.59", "23:59")]
    public void A_clock_time_is_24_hour_with_a_dot_in_indonesian_and_a_colon_in_english(
        int hour, int minute, string indonesian, string english)
    {
        var time = new TimeOnly(hour, minute);

        WibTime.FormatTime(time, Indonesian).Should().Be(indonesian);
        WibTime.FormatTime(time, English).Should().Be(english);
    }

    [Fact]
    public void A_clock_time_leaves_out_seconds()
    {
        WibTime.FormatTime(new TimeOnly(19, 0, 59), English).Should().Be("19:00");
    }
}
