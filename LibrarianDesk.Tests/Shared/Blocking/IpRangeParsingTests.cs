using System.Net;
using System.Net.Sockets;
using LibrarianDesk.Shared.Blocking;

namespace LibrarianDesk.Tests.Blocking;

public sealed class IpRangeParsingTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7", AddressFamily.InterNetwork, 32, true)]
    [InlineData("203.0.113.7/32", "203.0.113.7", AddressFamily.InterNetwork, 32, true)]
    [InlineData("203.0.113.0/24", "203.0.113.0/24", AddressFamily.InterNetwork, 24, false)]
    [InlineData("10.0.0.0/8", "10.0.0.0/8", AddressFamily.InterNetwork, 8, false)]
    [InlineData("0.0.0.0/0", "0.0.0.0/0", AddressFamily.InterNetwork, 0, false)]
    [InlineData("0.0.0.0", "0.0.0.0", AddressFamily.InterNetwork, 32, true)]
    [InlineData("255.255.255.255", "255.255.255.255", AddressFamily.InterNetwork, 32, true)]
    [InlineData("  10.0.0.0/8 \t", "10.0.0.0/8", AddressFamily.InterNetwork, 8, false)]
    [InlineData("2001:db8::/32", "2001:db8::/32", AddressFamily.InterNetworkV6, 32, false)]
    [InlineData("2001:DB8::/32", "2001:db8::/32", AddressFamily.InterNetworkV6, 32, false)]
    [InlineData("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1", AddressFamily.InterNetworkV6, 128, true)]
    [InlineData("2001:db8::1/128", "2001:db8::1", AddressFamily.InterNetworkV6, 128, true)]
    [InlineData("2001:db8:0:1::/64", "2001:db8:0:1::/64", AddressFamily.InterNetworkV6, 64, false)]
    [InlineData("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8", AddressFamily.InterNetworkV6, 128, true)]
    [InlineData("fe80::/10", "fe80::/10", AddressFamily.InterNetworkV6, 10, false)]
    [InlineData("::/0", "::/0", AddressFamily.InterNetworkV6, 0, false)]
    [InlineData("::", "::", AddressFamily.InterNetworkV6, 128, true)]
    [InlineData("::1", "::1", AddressFamily.InterNetworkV6, 128, true)]
    [InlineData(" ::1 ", "::1", AddressFamily.InterNetworkV6, 128, true)]
    [InlineData("::ffff:203.0.113.7", "::ffff:203.0.113.7", AddressFamily.InterNetworkV6, 128, true)]
    [InlineData("::FFFF:CB00:7107", "::ffff:203.0.113.7", AddressFamily.InterNetworkV6, 128, true)]
    [InlineData("::ffff:203.0.113.0/120", "::ffff:203.0.113.0/120", AddressFamily.InterNetworkV6, 120, false)]
    [InlineData("::ffff:0:0/96", "::ffff:0:0/96", AddressFamily.InterNetworkV6, 96, false)]
    [InlineData("::ffff:0.0.0.0/96", "::ffff:0:0/96", AddressFamily.InterNetworkV6, 96, false)]
    [InlineData("::cb00:7107", "::203.0.113.7", AddressFamily.InterNetworkV6, 128, true)]
    public void A_valid_address_or_range_parses_to_its_canonical_text(
        string text, string canonical, AddressFamily family, int prefixLength, bool isSingleAddress)
    {
        IpRange.TryParse(text, out var range, out var errorCode).Should().BeTrue();

        errorCode.Should().BeNull();
        range!.ToString().Should().Be(canonical);
        range.Family.Should().Be(family);
        range.PrefixLength.Should().Be(prefixLength);
        range.IsSingleAddress.Should().Be(isSingleAddress);
        range.HostBitsCleared.Should().BeFalse();
    }

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("203.0.113.0/24")]
    [InlineData("0.0.0.0/0")]
    [InlineData("10.0.0.5/24")]
    [InlineData("2001:0DB8:0000::1")]
    [InlineData("2001:db8::/32")]
    [InlineData("::/0")]
    [InlineData("::ffff:203.0.113.7")]
    [InlineData("::ffff:0:0/96")]
    [InlineData("::cb00:7107")]
    [InlineData("64:ff9b::203.0.113.7")]
    [InlineData("1:2:3:4:5:6:7:8")]
    public void The_canonical_text_parses_back_to_an_equal_range_with_the_same_text(string text)
    {
        var range = IpRange.Parse(text);

        var again = IpRange.Parse(range.ToString());

        again.Should().Be(range);
        again.ToString().Should().Be(range.ToString());
        again.HostBitsCleared.Should().BeFalse();
    }

    [Theory]
    [InlineData("10.0.0.5/24", "10.0.0.0/24")]
    [InlineData("203.0.113.255/25", "203.0.113.128/25")]
    [InlineData("203.0.113.7/0", "0.0.0.0/0")]
    [InlineData("2001:db8::1/32", "2001:db8::/32")]
    [InlineData("2001:db8:0:1:2:3:4:5/64", "2001:db8:0:1::/64")]
    [InlineData("::1/0", "::/0")]
    [InlineData("::ffff:203.0.113.7/120", "::ffff:203.0.113.0/120")]
    public void A_range_with_host_bits_set_is_normalised_to_its_network_and_says_so(string text, string canonical)
    {
        IpRange.TryParse(text, out var range, out var errorCode).Should().BeTrue();

        errorCode.Should().BeNull();
        range!.ToString().Should().Be(canonical);
        range.HostBitsCleared.Should().BeTrue();
        range.Should().Be(IpRange.Parse(canonical));
    }

    [Theory]
    [InlineData(null, IpRangeErrors.Empty)]
    [InlineData("", IpRangeErrors.Empty)]
    [InlineData("   ", IpRangeErrors.Empty)]
    [InlineData("\t\r\n", IpRangeErrors.Empty)]
    [InlineData("10.0.0.256", IpRangeErrors.MalformedAddress)]
    [InlineData("256.0.0.1", IpRangeErrors.MalformedAddress)]
    [InlineData("10.0.0.1000", IpRangeErrors.MalformedAddress)]
    [InlineData("10.0.0.0/33", IpRangeErrors.PrefixOutOfRange)]
    [InlineData("10.0.0.0/128", IpRangeErrors.PrefixOutOfRange)]
    [InlineData("10.0.0.0/1000", IpRangeErrors.PrefixOutOfRange)]
    [InlineData("::/129", IpRangeErrors.PrefixOutOfRange)]
    [InlineData("2001:db8::/999", IpRangeErrors.PrefixOutOfRange)]
    [InlineData("10.0.0.0/", IpRangeErrors.MalformedPrefix)]
    [InlineData("10.0.0.0/-1", IpRangeErrors.MalformedPrefix)]
    [InlineData("10.0.0.0/+8", IpRangeErrors.MalformedPrefix)]
    [InlineData("10.0.0.0/024", IpRangeErrors.MalformedPrefix)]
    [InlineData("10.0.0.0/00", IpRangeErrors.MalformedPrefix)]
    [InlineData("10.0.0.0/8/16", IpRangeErrors.MalformedPrefix)]
    [InlineData("10.0.0.0/x", IpRangeErrors.MalformedPrefix)]
    [InlineData("10.0.0.0/255.0.0.0", IpRangeErrors.MalformedPrefix)]
    [InlineData("10.0.0.0/ 24", IpRangeErrors.MalformedPrefix)]
    [InlineData("10.0.0.0 /24", IpRangeErrors.MalformedAddress)]
    [InlineData("10.0. 0.1", IpRangeErrors.MalformedAddress)]
    [InlineData("10.0.0.1 10.0.0.2", IpRangeErrors.MalformedAddress)]
    [InlineData("2001:db8:: 1", IpRangeErrors.MalformedAddress)]
    [InlineData("/24", IpRangeErrors.MalformedAddress)]
    [InlineData("1.2.3", IpRangeErrors.MalformedAddress)]
    [InlineData("1.2.3.4.5", IpRangeErrors.MalformedAddress)]
    [InlineData("1.2.3.4.", IpRangeErrors.MalformedAddress)]
    [InlineData(".1.2.3.4", IpRangeErrors.MalformedAddress)]
    [InlineData("1..2.3", IpRangeErrors.MalformedAddress)]
    [InlineData("-1.2.3.4", IpRangeErrors.MalformedAddress)]
    [InlineData("１.２.３.４", IpRangeErrors.MalformedAddress)]
    [InlineData("1.2.3.4:80", IpRangeErrors.MalformedAddress)]
    [InlineData("localhost", IpRangeErrors.MalformedAddress)]
    [InlineData("example.org", IpRangeErrors.MalformedAddress)]
    [InlineData("fe80::1%eth0", IpRangeErrors.MalformedAddress)]
    [InlineData("fe80::1%3", IpRangeErrors.MalformedAddress)]
    [InlineData("fe80::%eth0/64", IpRangeErrors.MalformedAddress)]
    [InlineData("[::1]", IpRangeErrors.MalformedAddress)]
    [InlineData("[2001:db8::]/32", IpRangeErrors.MalformedAddress)]
    [InlineData("12345::", IpRangeErrors.MalformedAddress)]
    [InlineData("2001:db8::00001", IpRangeErrors.MalformedAddress)]
    [InlineData("1::2::3", IpRangeErrors.MalformedAddress)]
    [InlineData(":::1", IpRangeErrors.MalformedAddress)]
    [InlineData(":1::", IpRangeErrors.MalformedAddress)]
    [InlineData("1:2:3:4:5:6:7", IpRangeErrors.MalformedAddress)]
    [InlineData("1:2:3:4:5:6:7:8:9", IpRangeErrors.MalformedAddress)]
    [InlineData("1:2:3:4:5:6:7:1.2.3.4", IpRangeErrors.MalformedAddress)]
    [InlineData("g::1", IpRangeErrors.MalformedAddress)]
    [InlineData("::ffff:1.2.3", IpRangeErrors.MalformedAddress)]
    [InlineData("::ffff:010.0.0.1", IpRangeErrors.MalformedAddress)]
    [InlineData("::ffff:1.2.3.256", IpRangeErrors.MalformedAddress)]
    [InlineData("::1.2.3.4:5", IpRangeErrors.MalformedAddress)]
    public void A_malformed_address_or_range_is_refused_with_a_stable_code(string? text, string expectedCode)
    {
        IpRange.TryParse(text, out var range, out var errorCode).Should().BeFalse();

        range.Should().BeNull();
        errorCode.Should().Be(expectedCode);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("127.1")]
    [InlineData("10.1.2")]
    [InlineData("4294967295")]
    [InlineData("0x7f.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("0177.0.0.1")]
    [InlineData("010.0.0.1")]
    [InlineData("1.2.3.04")]
    [InlineData("fe80::1%3")]
    public void An_odd_form_that_IPAddress_TryParse_accepts_is_refused(string text)
    {
        IPAddress.TryParse(text, out _).Should().BeTrue("this test is about forms the framework would let through");

        IpRange.TryParse(text, out _, out var errorCode).Should().BeFalse();

        errorCode.Should().Be(IpRangeErrors.MalformedAddress);
    }

    [Fact]
    public void Parse_throws_a_format_exception_carrying_the_error_code()
    {
        var parse = () => IpRange.Parse("10.0.0.0/33");

        parse.Should().Throw<FormatException>().WithMessage(IpRangeErrors.PrefixOutOfRange);
    }

    [Theory]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("203.0.113.7/0", true)]
    [InlineData("::/0", true)]
    [InlineData("2001:db8::/0", true)]
    [InlineData("::ffff:0:0/96", true)]
    [InlineData("::ffff:203.0.113.7/96", true)]
    [InlineData("0.0.0.0/1", false)]
    [InlineData("128.0.0.0/1", false)]
    [InlineData("::/1", false)]
    [InlineData("::/64", false)]
    [InlineData("::/96", false)]
    [InlineData("::ffff:0:0/97", false)]
    [InlineData("10.0.0.0/8", false)]
    [InlineData("203.0.113.7", false)]
    [InlineData("2001:db8::/32", false)]
    public void A_range_covers_everything_only_when_it_takes_in_a_whole_address_family(string text, bool coversEverything)
    {
        IpRange.Parse(text).CoversEverything.Should().Be(coversEverything);
    }

    [Theory]
    [InlineData("10.0.0.0/24", "10.0.0.5/24", true)]
    [InlineData("2001:db8::/32", "2001:DB8:0::/32", true)]
    [InlineData("203.0.113.7", "203.0.113.7/32", true)]
    [InlineData("203.0.113.0/24", "203.0.113.0/25", false)]
    [InlineData("203.0.113.0/24", "::ffff:203.0.113.0/120", false)]
    [InlineData("0.0.0.0/0", "::/0", false)]
    public void Ranges_are_equal_when_their_canonical_texts_are(string left, string right, bool equal)
    {
        var a = IpRange.Parse(left);
        var b = IpRange.Parse(right);

        (a == b).Should().Be(equal);
        (a != b).Should().Be(!equal);
        a.Equals((object)b).Should().Be(equal);
        if (equal)
        {
            a.GetHashCode().Should().Be(b.GetHashCode());
        }
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7", AddressFamily.InterNetwork)]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7", AddressFamily.InterNetwork)]
    [InlineData("2001:db8::1", "2001:db8::1", AddressFamily.InterNetworkV6)]
    [InlineData("fe80::1%3", "fe80::1", AddressFamily.InterNetworkV6)]
    public void A_patron_address_becomes_a_single_address_range_with_mapped_addresses_as_IPv4(
        string address, string canonical, AddressFamily family)
    {
        var range = IpRange.FromAddress(IPAddress.Parse(address));

        range.ToString().Should().Be(canonical);
        range.Family.Should().Be(family);
        range.IsSingleAddress.Should().BeTrue();
        range.Contains(IPAddress.Parse(address)).Should().BeTrue();
    }
}
