using LibrarianDesk.Shared.Scheduling;

namespace LibrarianDesk.Tests.Scheduling;

public sealed class WibTests
{
    [Fact]
    public void At_gives_the_wall_clock_time_with_a_plus_seven_offset()
    {
        var instant = Wib.At(new DateOnly(2026, 3, 6), new TimeOnly(18, 59, 59));

        instant.Should().BeExactly(new DateTimeOffset(2026, 3, 6, 18, 59, 59, TimeSpan.FromHours(7)));
    }

    [Fact]
    public void ToWib_keeps_the_instant_and_shows_it_in_plus_seven()
    {
        var utc = new DateTimeOffset(2026, 3, 6, 11, 59, 59, TimeSpan.Zero);

        var wib = Wib.ToWib(utc);

        wib.Should().Be(utc);
        wib.Offset.Should().Be(TimeSpan.FromHours(7));
        wib.DateTime.Should().Be(new DateTime(2026, 3, 6, 18, 59, 59));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(10)]
    public void Wib_is_plus_seven_all_year_round(int month)
    {
        Wib.At(new DateOnly(2026, month, 1), TimeOnly.MinValue).Offset.Should().Be(TimeSpan.FromHours(7));
    }
}
