using LibrarianDesk.Shared.Blocking;

namespace LibrarianDesk.Tests.Blocking;

public sealed class IpBlockTests
{
    [Theory]
    [InlineData(null, -60, true)]
    [InlineData(null, 60, true)]
    [InlineData(30, 29, true)]
    [InlineData(30, 30, false)]
    [InlineData(30, 31, false)]
    public void A_block_is_active_while_it_is_permanent_or_before_its_expiry(int? expiresInMinutes, int checkedAtMinutes, bool active)
    {
        var block = Blocks.Block(1, "203.0.113.7", expiresInMinutes is { } minutes ? Blocks.At(minutes) : null);

        block.IsActiveAt(Blocks.At(checkedAtMinutes)).Should().Be(active);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("10.0.0.5/24", "10.0.0.0/24")]
    [InlineData("10.0.0.256", null)]
    [InlineData("", null)]
    public void The_stored_range_parses_or_is_reported_as_unusable(string stored, string? canonical)
    {
        Blocks.Permanent(1, stored).ParsedRange()?.ToString().Should().Be(canonical);
        (Blocks.Permanent(1, stored).ParsedRange() is null).Should().Be(canonical is null);
    }

    [Theory]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127")]
    [InlineData("1111:2222:3333:4444:5555:6666:7777:8888")]
    [InlineData("::ffff:255.255.255.255")]
    [InlineData("255.255.255.255/31")]
    public void The_longest_canonical_ranges_fit_the_range_column(string text)
    {
        IpRange.Parse(text).ToString().Length.Should().BeLessThanOrEqualTo(IpBlock.MaxRangeLength);
    }
}
