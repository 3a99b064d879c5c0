using LibrarianDesk.Shared.Blocking;

namespace LibrarianDesk.Tests.Blocking;

public sealed class BlockExpiryTests
{
    [Theory]
    [InlineData(BlockDuration.OneHour, 60)]
    [InlineData(BlockDuration.OneDay, 1440)]
    [InlineData(BlockDuration.SevenDays, 10_080)]
    public void A_fixed_duration_ends_that_long_after_now(BlockDuration choice, int minutes)
    {
        BlockExpiry.From(choice, Blocks.Now, null).Should().Be(Blocks.At(minutes));
        BlockExpiry.From(choice, Blocks.Now, Blocks.At(5)).Should().Be(Blocks.At(minutes), "the date only counts for Until");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(60)]
    public void A_permanent_block_never_ends(int? dateMinutes)
    {
        BlockExpiry.From(BlockDuration.Permanent, Blocks.Now, dateMinutes is { } minutes ? Blocks.At(minutes) : null).Should().BeNull();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(43_200)]
    public void A_block_until_a_date_ends_at_that_date(int dateMinutes)
    {
        BlockExpiry.From(BlockDuration.Until, Blocks.Now, Blocks.At(dateMinutes)).Should().Be(Blocks.At(dateMinutes));
        BlockExpiry.TryFrom(BlockDuration.Until, Blocks.Now, Blocks.At(dateMinutes), out var expiresAt, out var errorCode).Should().BeTrue();
        expiresAt.Should().Be(Blocks.At(dateMinutes));
        errorCode.Should().BeNull();
    }

    [Theory]
    [InlineData(null, BlockExpiry.DateRequired)]
    [InlineData(0, BlockExpiry.DateNotInFuture)]
    [InlineData(-60, BlockExpiry.DateNotInFuture)]
    public void A_block_until_no_date_or_a_date_not_in_the_future_is_refused(int? dateMinutes, string expectedCode)
    {
        DateTimeOffset? date = dateMinutes is { } minutes ? Blocks.At(minutes) : null;

        var from = () => BlockExpiry.From(BlockDuration.Until, Blocks.Now, date);

        from.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("date");
        BlockExpiry.TryFrom(BlockDuration.Until, Blocks.Now, date, out var expiresAt, out var errorCode).Should().BeFalse();
        expiresAt.Should().BeNull();
        errorCode.Should().Be(expectedCode);
    }

    [Fact]
    public void An_undefined_choice_is_refused()
    {
        var from = () => BlockExpiry.From((BlockDuration)42, Blocks.Now, null);

        from.Should().Throw<ArgumentOutOfRangeException>();
        BlockExpiry.TryFrom((BlockDuration)42, Blocks.Now, null, out _, out var errorCode).Should().BeFalse();
        errorCode.Should().Be(BlockExpiry.UnknownDuration);
    }

    [Fact]
    public void The_chosen_expiry_makes_a_block_that_applies_until_then()
    {
        var block = Blocks.Block(1, "203.0.113.7", BlockExpiry.From(BlockDuration.OneHour, Blocks.Now, null));

        block.IsActiveAt(Blocks.At(59)).Should().BeTrue();
        block.IsActiveAt(Blocks.At(60)).Should().BeFalse();
    }
}
