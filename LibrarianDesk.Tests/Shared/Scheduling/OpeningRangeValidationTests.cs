using LibrarianDesk.Shared.Scheduling;

namespace LibrarianDesk.Tests.Scheduling;

public sealed class OpeningRangeValidationTests
{
    private static OpeningRange Range(DayOfWeek day, int opensHour, int closesHour) =>
        new() { Day = day, Opens = new TimeOnly(opensHour, 0), Closes = new TimeOnly(closesHour, 0) };

    [Theory]
    [InlineData(19, 9)]
    [InlineData(9, 9)]
    public void Create_rejects_a_range_that_does_not_end_after_it_starts(int opensHour, int closesHour)
    {
        var create = () => OpeningRange.Create(DayOfWeek.Monday, new TimeOnly(opensHour, 0), new TimeOnly(closesHour, 0));

        create.Should().Throw<ScheduleValidationException>()
            .Which.Code.Should().Be("range_ends_before_start");
    }

    [Fact]
    public void Create_keeps_a_valid_range()
    {
        var range = OpeningRange.Create(DayOfWeek.Saturday, new TimeOnly(9, 0), new TimeOnly(15, 30));

        range.Day.Should().Be(DayOfWeek.Saturday);
        range.Opens.Should().Be(new TimeOnly(9, 0));
        range.Closes.Should().Be(new TimeOnly(15, 30));
    }

    [Fact]
    public void Validate_reports_a_range_ending_before_it_starts()
    {
        var backwards = Range(DayOfWeek.Tuesday, 19, 9);

        var problems = OpeningRange.Validate([Range(DayOfWeek.Monday, 9, 19), backwards]);

        problems.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { Code = "range_ends_before_start", Day = DayOfWeek.Tuesday, Ranges = new[] { backwards } });
    }

    [Fact]
    public void Validate_reports_overlapping_ranges_on_the_same_day_with_both_ranges()
    {
        var morning = Range(DayOfWeek.Wednesday, 9, 13);
        var afternoon = Range(DayOfWeek.Wednesday, 12, 19);

        var problems = OpeningRange.Validate([afternoon, morning]);

        var problem = problems.Should().ContainSingle().Subject;
        problem.Code.Should().Be("ranges_overlap");
        problem.Day.Should().Be(DayOfWeek.Wednesday);
        problem.Ranges.Should().BeEquivalentTo([morning, afternoon], o => o.WithStrictOrdering());
    }

    [Fact]
    public void Validate_catches_a_range_inside_a_longer_one()
    {
        var allDay = Range(DayOfWeek.Thursday, 9, 19);
        var lunch = Range(DayOfWeek.Thursday, 12, 13);
        var afternoon = Range(DayOfWeek.Thursday, 14, 15);

        OpeningRange.Validate([allDay, lunch, afternoon])
            .Should().HaveCount(2).And.OnlyContain(p => p.Code == "ranges_overlap" && p.Ranges[0] == allDay);
    }

    [Fact]
    public void Validate_accepts_touching_ranges_and_the_same_hours_on_different_days()
    {
        OpeningRange.Validate(
            [Range(DayOfWeek.Monday, 9, 12), Range(DayOfWeek.Monday, 12, 19), Range(DayOfWeek.Tuesday, 9, 12)])
            .Should().BeEmpty();
    }

    [Fact]
    public void The_default_week_is_valid()
    {
        OpeningRange.Validate(DefaultServiceHours.WeeklyRanges()).Should().BeEmpty();
    }
}
