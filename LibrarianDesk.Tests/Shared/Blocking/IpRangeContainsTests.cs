using System.Net;
using LibrarianDesk.Shared.Blocking;

namespace LibrarianDesk.Tests.Blocking;

public sealed class IpRangeContainsTests
{
    [Theory]
    // A single IPv4 address, with and without /32.
    [InlineData("203.0.113.7", "203.0.113.7", true)]
    [InlineData("203.0.113.7", "203.0.113.6", false)]
    [InlineData("203.0.113.7", "203.0.113.8", false)]
    [InlineData("203.0.113.7/32", "203.0.113.7", true)]
    [InlineData("203.0.113.7/32", "203.0.113.6", false)]
    [InlineData("203.0.113.7/32", "203.0.113.8", false)]
    // A /24: first and last address, and the neighbours outside on each side.
    [InlineData("203.0.113.0/24", "203.0.113.0", true)]
    [InlineData("203.0.113.0/24", "203.0.113.255", true)]
    [InlineData("203.0.113.0/24", "203.0.112.255", false)]
    [InlineData("203.0.113.0/24", "203.0.114.0", false)]
    // A /26 that does not start on an octet boundary.
    [InlineData("203.0.113.64/26", "203.0.113.64", true)]
    [InlineData("203.0.113.64/26", "203.0.113.127", true)]
    [InlineData("203.0.113.64/26", "203.0.113.63", false)]
    [InlineData("203.0.113.64/26", "203.0.113.128", false)]
    // A /8 and a /1.
    [InlineData("10.0.0.0/8", "10.0.0.0", true)]
    [InlineData("10.0.0.0/8", "10.255.255.255", true)]
    [InlineData("10.0.0.0/8", "9.255.255.255", false)]
    [InlineData("10.0.0.0/8", "11.0.0.0", false)]
    [InlineData("128.0.0.0/1", "128.0.0.0", true)]
    [InlineData("128.0.0.0/1", "255.255.255.255", true)]
    [InlineData("128.0.0.0/1", "127.255.255.255", false)]
    // A /0 takes in every IPv4 address.
    [InlineData("0.0.0.0/0", "0.0.0.0", true)]
    [InlineData("0.0.0.0/0", "255.255.255.255", true)]
    [InlineData("0.0.0.0/0", "203.0.113.7", true)]
    public void An_IPv4_range_contains_exactly_its_addresses(string range, string address, bool contains)
    {
        IpRange.Parse(range).Contains(IPAddress.Parse(address)).Should().Be(contains);
    }

    [Theory]
    // A single IPv6 address, with and without /128.
    [InlineData("2001:db8::1", "2001:db8::1", true)]
    [InlineData("2001:db8::1", "2001:db8::", false)]
    [InlineData("2001:db8::1", "2001:db8::2", false)]
    [InlineData("2001:db8::1/128", "2001:db8::1", true)]
    [InlineData("2001:db8::1/128", "2001:db8::2", false)]
    [InlineData("2001:db8::1/128", "2001:db8::", false)]
    // A /32: first and last address, and the neighbours outside on each side.
    [InlineData("2001:db8::/32", "2001:db8::", true)]
    [InlineData("2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8::/32", "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", false)]
    [InlineData("2001:db8::/32", "2001:db9::", false)]
    // A /64.
    [InlineData("2001:db8:0:1::/64", "2001:db8:0:1::", true)]
    [InlineData("2001:db8:0:1::/64", "2001:db8:0:1:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8:0:1::/64", "2001:db8:0:0:ffff:ffff:ffff:ffff", false)]
    [InlineData("2001:db8:0:1::/64", "2001:db8:0:2::", false)]
    // A /127, two addresses, and a /127 at the very top of the space.
    [InlineData("2001:db8::/127", "2001:db8::", true)]
    [InlineData("2001:db8::/127", "2001:db8::1", true)]
    [InlineData("2001:db8::/127", "2001:db8::2", false)]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true)]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffd", false)]
    // A /10 whose boundary falls inside a group, and /1.
    [InlineData("fe80::/10", "fe80::", true)]
    [InlineData("fe80::/10", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true)]
    [InlineData("fe80::/10", "fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false)]
    [InlineData("fe80::/10", "fec0::", false)]
    [InlineData("fe80::/10", "fe80::1%3", true)]
    [InlineData("8000::/1", "8000::", true)]
    [InlineData("8000::/1", "7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", false)]
    // A /0 takes in every IPv6 address.
    [InlineData("::/0", "::", true)]
    [InlineData("::/0", "::1", true)]
    [InlineData("::/0", "2001:db8::1", true)]
    [InlineData("::/0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true)]
    public void An_IPv6_range_contains_exactly_its_addresses(string range, string address, bool contains)
    {
        IpRange.Parse(range).Contains(IPAddress.Parse(address)).Should().Be(contains);
    }

    [Theory]
    // An IPv4-mapped IPv6 address matches its IPv4 rule ...
    [InlineData("203.0.113.7", "::ffff:203.0.113.7", true)]
    [InlineData("203.0.113.7", "::ffff:203.0.113.8", false)]
    [InlineData("203.0.113.0/24", "::ffff:203.0.113.0", true)]
    [InlineData("203.0.113.0/24", "::ffff:203.0.113.255", true)]
    [InlineData("203.0.113.0/24", "::ffff:203.0.112.255", false)]
    [InlineData("203.0.113.0/24", "::ffff:203.0.114.0", false)]
    [InlineData("0.0.0.0/0", "::ffff:198.51.100.1", true)]
    // ... and an IPv4 address matches an IPv6 rule written inside ::ffff:0:0/96.
    [InlineData("::ffff:203.0.113.7", "203.0.113.7", true)]
    [InlineData("::ffff:203.0.113.7", "203.0.113.8", false)]
    [InlineData("::ffff:203.0.113.0/120", "203.0.113.0", true)]
    [InlineData("::ffff:203.0.113.0/120", "203.0.113.255", true)]
    [InlineData("::ffff:203.0.113.0/120", "203.0.112.255", false)]
    [InlineData("::ffff:203.0.113.0/120", "203.0.114.0", false)]
    [InlineData("::ffff:203.0.113.0/120", "::ffff:203.0.113.9", true)]
    [InlineData("::ffff:0:0/96", "198.51.100.1", true)]
    [InlineData("::ffff:0:0/96", "::ffff:198.51.100.1", true)]
    public void An_IPv4_address_and_its_mapped_IPv6_form_are_the_same_patron(string range, string address, bool contains)
    {
        IpRange.Parse(range).Contains(IPAddress.Parse(address)).Should().Be(contains);
    }

    [Theory]
    // An IPv4 rule never matches a plain IPv6 address, even one that ends in the same 32 bits.
    [InlineData("203.0.113.7", "::cb00:7107")]
    [InlineData("203.0.113.7", "64:ff9b::203.0.113.7")]
    [InlineData("203.0.113.0/24", "2002:cb00:7107::")]
    [InlineData("0.0.0.0/0", "::1")]
    [InlineData("0.0.0.0/0", "2001:db8::1")]
    [InlineData("::ffff:0:0/96", "2001:db8::1")]
    // A plain IPv6 range never matches an IPv4 patron, even when its bits take in ::ffff:0:0/96.
    [InlineData("2001:db8::/32", "203.0.113.7")]
    [InlineData("::/64", "203.0.113.7")]
    [InlineData("::/64", "::ffff:203.0.113.7")]
    [InlineData("::/80", "203.0.113.7")]
    [InlineData("::/96", "203.0.113.7")]
    [InlineData("::cb00:7107", "203.0.113.7")]
    public void IPv4_and_plain_IPv6_never_match_each_other(string range, string address)
    {
        IpRange.Parse(range).Contains(IPAddress.Parse(address)).Should().BeFalse();
    }

    [Theory]
    [InlineData("::/64", "::1")]
    [InlineData("::/96", "::cb00:7107")]
    [InlineData("::/0", "203.0.113.7")]
    [InlineData("::/0", "::ffff:203.0.113.7")]
    public void Plain_IPv6_ranges_still_match_their_IPv6_addresses_and_the_whole_space_matches_IPv4_too(string range, string address)
    {
        IpRange.Parse(range).Contains(IPAddress.Parse(address)).Should().BeTrue();
    }

}
