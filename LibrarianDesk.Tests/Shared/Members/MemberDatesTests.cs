using LibrarianDesk.Shared.Members;

namespace LibrarianDesk.Tests.Members;

public sealed class MemberDatesTests
{
    [Theory]
    [InlineData("17/08/1990")]
    [InlineData("17-08-1990")]
    [InlineData("1990-08-17")]
    [InlineData("17/8/1990")]
    [InlineData(" 17.08.1990 ")]
    public void The_usual_ways_of_writing_a_date_are_read(string text)
    {
        MemberDates.TryParse(text, out var date).Should().BeTrue();
        date.Should().Be(new DateOnly(1990, 8, 17));
    }

    [Theory]
    [InlineData("31/02/1990")]
    [InlineData("29/02/2023")]
    [InlineData("31/04/2001")]
    [InlineData("00/01/2001")]
    [InlineData("17/13/1990")]
    [InlineData("tujuh belas Agustus")]
    [InlineData("")]
    [InlineData(null)]
    public void Impossible_or_unreadable_dates_are_refused(string? text)
    {
        MemberDates.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void A_leap_day_in_a_leap_year_is_a_real_date()
    {
        MemberDates.TryParse("29/02/2024", out var date).Should().BeTrue();
        date.Should().Be(new DateOnly(2024, 2, 29));
    }

    [Fact]
    public void A_masked_birth_date_shows_only_the_year()
    {
        MemberDates.MaskBirthDate(new DateOnly(1990, 8, 17)).Should().Be("••/••/1990");
    }
}
