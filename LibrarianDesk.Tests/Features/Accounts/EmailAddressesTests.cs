using LibrarianDesk.Features.Accounts;

namespace LibrarianDesk.Tests.Features.Accounts;

public sealed class EmailAddressesTests
{
    [Theory]
    [InlineData("sari@perpusnas.go.id")]
    [InlineData("budi.santoso@example.id")]
    [InlineData("pustakawan+meja@perpusnas.go.id")]
    [InlineData("a@b.id")]
    public void A_plain_address_is_valid(string address)
    {
        EmailAddresses.IsValid(address).Should().BeTrue();
    }

    [Theory]
    [InlineData(" sari@perpusnas.go.id")]
    [InlineData("sari@perpusnas.go.id  ")]
    [InlineData("\tsari@perpusnas.go.id ")]
    public void Spaces_around_an_address_are_accepted(string address)
    {
        EmailAddresses.IsValid(address).Should().BeTrue();
    }

    [Theory]
    [InlineData("Sari <sari@perpusnas.go.id>")]
    [InlineData("A <a@b.id>")]
    [InlineData("\"Sari\" <sari@perpusnas.go.id>")]
    [InlineData("<sari@perpusnas.go.id>")]
    public void An_address_with_a_display_name_or_angle_brackets_is_rejected(string address)
    {
        EmailAddresses.IsValid(address).Should().BeFalse();
    }

    [Theory]
    [InlineData("sari@perpusnas.go.id\r\nBcc: all@perpusnas.go.id")]
    [InlineData("sari@perpusnas.go.id\nBcc: all@perpusnas.go.id")]
    [InlineData("sari@perpusnas.go.id\r")]
    [InlineData("sari@perpusnas.go.id\n")]
    [InlineData("\r\nsari@perpusnas.go.id")]
    public void An_address_with_a_carriage_return_or_line_feed_is_rejected(string address)
    {
        EmailAddresses.IsValid(address).Should().BeFalse();
    }

    [Theory]
    [InlineData("sari@localhost")]
    [InlineData("sari@perpusnas")]
    public void An_address_whose_host_has_no_dot_is_rejected(string address)
    {
        EmailAddresses.IsValid(address).Should().BeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("sari")]
    [InlineData("sari@")]
    [InlineData("@perpusnas.go.id")]
    [InlineData("sari@@perpusnas.go.id")]
    [InlineData("sari@perpusnas.go.id, budi@perpusnas.go.id")]
    public void Something_that_is_not_one_address_is_rejected(string? value)
    {
        EmailAddresses.IsValid(value).Should().BeFalse();
    }

    [Fact]
    public void An_address_longer_than_254_characters_is_rejected()
    {
        var address = AddressOfLength(255);

        address.Should().HaveLength(255);
        EmailAddresses.IsValid(address).Should().BeFalse();
    }

    [Fact]
    public void An_address_of_exactly_254_characters_is_accepted()
    {
        var address = AddressOfLength(254);

        address.Should().HaveLength(254);
        EmailAddresses.IsValid(address).Should().BeTrue();
    }

    /// <summary>"sari@" and a host of 50-letter labels, padded to the length asked for, ending ".id".</summary>
    private static string AddressOfLength(int length)
    {
        const string local = "sari@";
        const string tld = ".id";
        var hostLetters = length - local.Length - tld.Length;
        var host = new System.Text.StringBuilder();
        while (host.Length < hostLetters)
        {
            if (host.Length > 0 && host.Length % 51 == 50)
            {
                host.Append('.');
            }
            else
            {
                host.Append('p');
            }
        }

        // A label must not end with the dot just before ".id".
        if (host[^1] == '.')
        {
            host[^1] = 'p';
        }

        return local + host + tld;
    }
}
