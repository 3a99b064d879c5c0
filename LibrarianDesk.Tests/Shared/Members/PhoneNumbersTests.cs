using LibrarianDesk.Shared.Members;

namespace LibrarianDesk.Tests.Members;

public sealed class PhoneNumbersTests
{
    [Theory]
    [InlineData("0812-3456-7890", "+6281234567890")]
    [InlineData("081234567890", "+6281234567890")]
    [InlineData("6281234567890", "+6281234567890")]
    [InlineData("+6281234567890", "+6281234567890")]
    [InlineData("+62 812 3456 7890", "+6281234567890")]
    [InlineData("  +62-812-3456-7890 ", "+6281234567890")]
    [InlineData("0812.3456.7890", "+6281234567890")]
    [InlineData("(021) 392 7411", "+62213927411")]
    [InlineData("81234567890", "+6281234567890")]
    public void Every_way_of_writing_a_number_gives_one_form(string typed, string expected)
    {
        PhoneNumbers.Normalise(typed).Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0812-3456-789O")]
    [InlineData("nol delapan satu dua")]
    [InlineData("0812#3456")]
    [InlineData("12345")]
    [InlineData("0812345678901234")]
    [InlineData("+1 212 555 0100")]
    [InlineData("00812345678")]
    [InlineData("0812+3456789")]
    public void Letters_symbols_and_impossible_lengths_are_not_a_phone_number(string? typed)
    {
        PhoneNumbers.Normalise(typed).Should().BeNull();
    }

    [Theory]
    [InlineData("+6281234567890", "+62812••••7890")]
    [InlineData("+62213927411", "+62213••7411")]
    [InlineData(null, "—")]
    public void A_masked_number_keeps_only_the_operator_prefix_and_the_last_four_digits(string? phone, string expected)
    {
        PhoneNumbers.Mask(phone).Should().Be(expected);
    }
}
