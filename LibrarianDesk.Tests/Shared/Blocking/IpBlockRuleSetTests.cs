using System.Net;
using LibrarianDesk.Shared.Blocking;

namespace LibrarianDesk.Tests.Blocking;

public sealed class IpBlockRuleSetTests
{
    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("::ffff:203.0.113.7")]
    [InlineData("2001:db8::1")]
    public void The_empty_rule_set_blocks_nobody(string address)
    {
        IpBlockRuleSet.Empty.Match(IPAddress.Parse(address), Blocks.Now).Should().BeNull();
        IpBlockRuleSet.Empty.Count.Should().Be(0);
        IpBlockRuleSet.Empty.NextExpiry(Blocks.Now).Should().BeNull();
    }

    [Theory]
    // Permanent blocks always apply.
    [InlineData(null, 0, true)]
    [InlineData(null, 525_600, true)]
    // A block that ends later applies until one tick before its end ...
    [InlineData(60, 0, true)]
    [InlineData(60, 59, true)]
    // ... and not at its end or after.
    [InlineData(60, 60, false)]
    [InlineData(60, 61, false)]
    [InlineData(-1, 0, false)]
    public void A_block_applies_while_it_is_permanent_or_before_its_expiry(int? expiresInMinutes, int checkedAtMinutes, bool blocked)
    {
        var block = Blocks.Block(1, "203.0.113.7", expiresInMinutes is { } minutes ? Blocks.At(minutes) : null);
        var rules = new IpBlockRuleSet([block]);

        var match = rules.Match(IPAddress.Parse("203.0.113.7"), Blocks.At(checkedAtMinutes));

        match.Should().BeSameAs(blocked ? block : null);
        block.IsActiveAt(Blocks.At(checkedAtMinutes)).Should().Be(blocked);
    }

    [Fact]
    public void A_block_stops_applying_exactly_at_its_expiry_and_one_tick_before_it_still_applies()
    {
        var block = Blocks.Until(1, "203.0.113.7", 60);
        var rules = new IpBlockRuleSet([block]);
        var address = IPAddress.Parse("203.0.113.7");

        rules.Match(address, Blocks.At(60).AddTicks(-1)).Should().BeSameAs(block);
        rules.Match(address, Blocks.At(60)).Should().BeNull();
    }

    [Fact]
    public void Expiry_is_compared_as_an_instant_whatever_the_offset()
    {
        var block = Blocks.Block(1, "203.0.113.7", new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
        var rules = new IpBlockRuleSet([block]);
        var address = IPAddress.Parse("203.0.113.7");

        rules.Match(address, new DateTimeOffset(2026, 3, 2, 8, 59, 0, TimeSpan.FromHours(7))).Should().BeSameAs(block);
        rules.Match(address, new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(7))).Should().BeNull();
    }

    [Theory]
    [InlineData("203.0.113.7", 3)]
    [InlineData("::ffff:203.0.113.7", 3)]
    [InlineData("203.0.113.8", 2)]
    [InlineData("203.0.113.0", 2)]
    [InlineData("203.0.113.255", 2)]
    [InlineData("203.0.114.0", 1)]
    [InlineData("203.255.255.255", 1)]
    [InlineData("204.0.0.0", null)]
    [InlineData("202.255.255.255", null)]
    [InlineData("2001:db8::1", null)]
    public void The_most_specific_matching_block_wins(string address, int? expectedId)
    {
        var rules = new IpBlockRuleSet(
        [
            Blocks.Permanent(1, "203.0.0.0/8"),
            Blocks.Permanent(2, "203.0.113.0/24"),
            Blocks.Permanent(3, "203.0.113.7"),
        ]);

        rules.Match(IPAddress.Parse(address), Blocks.Now)?.Id.Should().Be(expectedId);
        (rules.Match(IPAddress.Parse(address), Blocks.Now) is null).Should().Be(expectedId is null);
    }

    [Theory]
    [InlineData("2001:db8:0:1::7", 3)]
    [InlineData("2001:db8:0:1::8", 2)]
    [InlineData("2001:db8:0:1:ffff:ffff:ffff:ffff", 2)]
    [InlineData("2001:db8:0:2::", 1)]
    [InlineData("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", 1)]
    [InlineData("2001:db9::", 4)]
    [InlineData("203.0.113.7", 4)]
    public void The_most_specific_IPv6_block_wins_and_the_whole_space_comes_last(string address, int expectedId)
    {
        var rules = new IpBlockRuleSet(
        [
            Blocks.Permanent(4, "::/0"),
            Blocks.Permanent(1, "2001:db8::/32"),
            Blocks.Permanent(2, "2001:db8:0:1::/64"),
            Blocks.Permanent(3, "2001:db8:0:1::7"),
        ]);

        rules.Match(IPAddress.Parse(address), Blocks.Now)!.Id.Should().Be(expectedId);
    }

    [Fact]
    public void When_the_most_specific_block_has_expired_a_wider_active_one_still_matches()
    {
        var rules = new IpBlockRuleSet(
        [
            Blocks.Until(1, "203.0.113.7", -5),
            Blocks.Until(2, "203.0.113.0/24", 60),
        ]);
        var address = IPAddress.Parse("203.0.113.7");

        rules.Match(address, Blocks.Now)!.Id.Should().Be(2);
        rules.Match(address, Blocks.At(60)).Should().BeNull();
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(59, 2)]
    [InlineData(60, 2)]
    [InlineData(525_600, 2)]
    public void Of_several_blocks_for_the_same_range_the_permanent_one_wins(int checkedAtMinutes, int expectedId)
    {
        var temporary = Blocks.Until(1, "203.0.113.7", 60);
        var permanent = Blocks.Permanent(2, "203.0.113.7");
        var address = IPAddress.Parse("203.0.113.7");

        new IpBlockRuleSet([temporary, permanent]).Match(address, Blocks.At(checkedAtMinutes))!.Id.Should().Be(expectedId);
        new IpBlockRuleSet([permanent, temporary]).Match(address, Blocks.At(checkedAtMinutes))!.Id.Should().Be(expectedId);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(59, 2)]
    [InlineData(60, 2)]
    [InlineData(119, 2)]
    [InlineData(120, null)]
    public void Of_several_temporary_blocks_for_the_same_range_the_one_that_lasts_longest_wins(int checkedAtMinutes, int? expectedId)
    {
        var shorter = Blocks.Until(1, "203.0.113.0/24", 60);
        var longer = Blocks.Until(2, "::ffff:203.0.113.0/120", 120);
        var address = IPAddress.Parse("203.0.113.7");

        foreach (var rules in new[] { new IpBlockRuleSet([shorter, longer]), new IpBlockRuleSet([longer, shorter]) })
        {
            rules.Match(address, Blocks.At(checkedAtMinutes))?.Id.Should().Be(expectedId);
            (rules.Match(address, Blocks.At(checkedAtMinutes)) is null).Should().Be(expectedId is null);
        }
    }

    [Fact]
    public void Of_identical_blocks_the_lowest_id_wins()
    {
        var rules = new IpBlockRuleSet([Blocks.Until(9, "203.0.113.7", 60), Blocks.Until(4, "203.0.113.7", 60)]);

        rules.Match(IPAddress.Parse("203.0.113.7"), Blocks.Now)!.Id.Should().Be(4);
    }

    [Theory]
    [InlineData("203.0.113.0/24", "::ffff:203.0.113.7", true)]
    [InlineData("203.0.113.0/24", "::ffff:203.0.114.7", false)]
    [InlineData("::ffff:203.0.113.0/120", "203.0.113.7", true)]
    [InlineData("::ffff:203.0.113.0/120", "203.0.114.7", false)]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7", true)]
    [InlineData("::ffff:0:0/96", "198.51.100.1", true)]
    [InlineData("::ffff:0:0/96", "2001:db8::1", false)]
    [InlineData("0.0.0.0/0", "::ffff:198.51.100.1", true)]
    [InlineData("0.0.0.0/0", "2001:db8::1", false)]
    [InlineData("::/0", "198.51.100.1", true)]
    [InlineData("::/64", "203.0.113.7", false)]
    [InlineData("::/64", "::ffff:203.0.113.7", false)]
    [InlineData("::/64", "::1", true)]
    [InlineData("203.0.113.7", "::cb00:7107", false)]
    [InlineData("2001:db8::/32", "2001:db8::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::", false)]
    public void The_rule_set_matches_as_the_range_does(string range, string address, bool blocked)
    {
        var block = Blocks.Permanent(1, range);
        var rules = new IpBlockRuleSet([block]);
        var ip = IPAddress.Parse(address);

        rules.Match(ip, Blocks.Now).Should().BeSameAs(blocked ? block : null);
        IpRange.Parse(range).Contains(ip).Should().Be(blocked);
    }

    [Fact]
    public void Rows_whose_range_does_not_parse_are_skipped_and_counted()
    {
        var rules = new IpBlockRuleSet(
        [
            Blocks.Until(1, "10.0.0.256", 30),
            Blocks.Permanent(2, ""),
            Blocks.Permanent(3, "10.0.0.0/33"),
            Blocks.Permanent(4, "not an address"),
            Blocks.Until(5, "203.0.113.7", 60),
        ]);

        rules.Count.Should().Be(1);
        rules.SkippedCount.Should().Be(4);
        rules.Match(IPAddress.Parse("203.0.113.7"), Blocks.Now)!.Id.Should().Be(5);
        rules.Match(IPAddress.Parse("10.0.0.1"), Blocks.Now).Should().BeNull();
        rules.NextExpiry(Blocks.Now).Should().Be(Blocks.At(60));
    }

    [Fact]
    public void A_stored_range_that_is_not_canonical_still_matches()
    {
        var rules = new IpBlockRuleSet([Blocks.Permanent(1, " 10.0.0.5/24 "), Blocks.Permanent(2, "2001:DB8::/32")]);

        rules.Match(IPAddress.Parse("10.0.0.200"), Blocks.Now)!.Id.Should().Be(1);
        rules.Match(IPAddress.Parse("2001:db8::1"), Blocks.Now)!.Id.Should().Be(2);
    }

    [Fact]
    public void The_rule_set_keeps_what_the_rows_said_when_it_was_built()
    {
        var block = Blocks.Until(1, "203.0.113.7", 60);
        var rules = new IpBlockRuleSet([block]);

        block.Range = "198.51.100.1";
        block.ExpiresAt = Blocks.At(-1);

        rules.Match(IPAddress.Parse("203.0.113.7"), Blocks.Now).Should().BeSameAs(block);
        rules.Match(IPAddress.Parse("198.51.100.1"), Blocks.Now).Should().BeNull();
    }

    [Fact]
    public void Thousands_of_rules_of_many_prefix_lengths_each_match_their_own_addresses()
    {
        var blocks = new List<IpBlock>();
        for (var i = 0; i < 5000; i++)
        {
            blocks.Add(Blocks.Permanent(i + 1, $"10.{i / 256}.{i % 256}.1"));
        }

        for (var prefix = 8; prefix <= 32; prefix++)
        {
            blocks.Add(Blocks.Permanent(10_000 + prefix, $"172.16.0.0/{prefix}"));
        }

        blocks.Add(Blocks.Permanent(20_000, "2001:db8::/48"));
        var rules = new IpBlockRuleSet(blocks);

        rules.Count.Should().Be(5000 + 25 + 1);
        rules.Match(IPAddress.Parse("10.0.0.1"), Blocks.Now)!.Id.Should().Be(1);
        rules.Match(IPAddress.Parse("10.19.135.1"), Blocks.Now)!.Id.Should().Be(5000);
        rules.Match(IPAddress.Parse("10.19.136.1"), Blocks.Now).Should().BeNull();
        rules.Match(IPAddress.Parse("10.0.0.2"), Blocks.Now).Should().BeNull();
        rules.Match(IPAddress.Parse("172.16.0.0"), Blocks.Now)!.Id.Should().Be(10_032);
        rules.Match(IPAddress.Parse("172.16.0.1"), Blocks.Now)!.Id.Should().Be(10_031);
        rules.Match(IPAddress.Parse("172.16.255.255"), Blocks.Now)!.Id.Should().Be(10_016);
        rules.Match(IPAddress.Parse("172.255.255.255"), Blocks.Now)!.Id.Should().Be(10_008);
        rules.Match(IPAddress.Parse("2001:db8:0:ffff::1"), Blocks.Now)!.Id.Should().Be(20_000);
    }

    [Theory]
    // The earliest expiry strictly after now; past, present and permanent rows do not count.
    [InlineData(0, 30)]
    [InlineData(-100, -10)]
    [InlineData(29, 30)]
    [InlineData(30, 90)]
    [InlineData(89, 90)]
    [InlineData(90, 10_080)]
    [InlineData(10_080, null)]
    [InlineData(20_000, null)]
    public void NextExpiry_is_the_first_expiry_after_now(int nowMinutes, int? expectedMinutes)
    {
        var rules = new IpBlockRuleSet(
        [
            Blocks.Until(1, "203.0.113.7", 90),
            Blocks.Permanent(2, "198.51.100.0/24"),
            Blocks.Until(3, "2001:db8::/32", 10_080),
            Blocks.Until(4, "203.0.113.7", 30),
            Blocks.Until(5, "192.0.2.1", -10),
            Blocks.Until(6, "bogus", 15),
        ]);

        rules.NextExpiry(Blocks.At(nowMinutes)).Should().Be(expectedMinutes is { } minutes ? Blocks.At(minutes) : null);
    }

    [Fact]
    public void NextExpiry_is_null_when_every_block_is_permanent()
    {
        var rules = new IpBlockRuleSet([Blocks.Permanent(1, "203.0.113.7"), Blocks.Permanent(2, "2001:db8::/32")]);

        rules.NextExpiry(Blocks.Now).Should().BeNull();
    }
}
