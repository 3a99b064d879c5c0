using System.Net;

namespace LibrarianDesk.Shared.Blocking;

/// <summary>
/// The block list in memory, for the check on every hub invocation and widget request: built from the
/// rows once when the list changes, then asked without touching the database.
/// </summary>
/// <remarks>
/// <para>
/// Rows whose <see cref="IpBlock.Range"/> does not parse are skipped (<see cref="SkippedCount"/> says how
/// many). Each row's range and expiry are read when the set is built; editing a row later does not change
/// the set, so build a new one. The rows themselves are kept by reference, so <see cref="Match"/> hands back
/// the same instance the caller passed in (to count a hit on it).
/// </para>
/// <para>
/// Rules are grouped by prefix length, each group a hash table from network to rule, so a look-up costs at
/// most one hash probe per distinct prefix length in use (at most 34 for an IPv4 patron, 129 for IPv6),
/// whatever the number of rules. The set never changes after it is built, so any number of threads may
/// ask it at once; swap in a new instance when the list changes.
/// </para>
/// </remarks>
public sealed class IpBlockRuleSet
{
    /// <summary>A rule set that blocks nobody.</summary>
    public static IpBlockRuleSet Empty { get; } = new([]);

    /// <summary>For IPv4 patrons (and IPv4-mapped IPv6): the groups inside <c>::ffff:0:0/96</c>, most specific first, then <c>::/0</c>.</summary>
    private readonly Level[] _ipv4Levels;

    /// <summary>For IPv6 patrons: the groups outside <c>::ffff:0:0/96</c>, most specific first, <c>::/0</c> last.</summary>
    private readonly Level[] _ipv6Levels;

    /// <summary>The expiry of every rule that has one, ascending.</summary>
    private readonly DateTimeOffset[] _expiries;

    public IpBlockRuleSet(IEnumerable<IpBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);

        var ipv4Groups = new Dictionary<int, Dictionary<UInt128, Rule>>();
        var ipv6Groups = new Dictionary<int, Dictionary<UInt128, Rule>>();
        var expiries = new List<DateTimeOffset>();
        foreach (var block in blocks)
        {
            if (block is null || !IpRange.TryParse(block.Range, out var range, out _))
            {
                SkippedCount++;
                continue;
            }

            Count++;
            var rule = new Rule(block, block.ExpiresAt);
            if (rule.ExpiresAt is { } expiresAt)
            {
                expiries.Add(expiresAt);
            }

            var groups = range.IsIpv4Space ? ipv4Groups : ipv6Groups;
            if (!groups.TryGetValue(range.Prefix128, out var group))
            {
                group = [];
                groups.Add(range.Prefix128, group);
            }

            group[range.Network] = group.TryGetValue(range.Network, out var existing) && !rule.Outlasts(existing) ? existing : rule;
        }

        _ipv6Levels = ToLevels(ipv6Groups);
        var everyone = _ipv6Levels.Where(level => level.Prefix128 == 0);
        _ipv4Levels = [.. ToLevels(ipv4Groups), .. everyone];
        expiries.Sort();
        _expiries = [.. expiries];
    }

    /// <summary>How many rows became rules.</summary>
    public int Count { get; }

    /// <summary>How many rows were skipped because their range does not parse (or the row was null).</summary>
    public int SkippedCount { get; }

    /// <summary>
    /// The block that refuses <paramref name="address"/> at <paramref name="now"/>, or null when none does.
    /// When several active blocks match, the most specific wins: the one with the longest prefix (a single
    /// address before its /24, a /24 before <c>0.0.0.0/0</c>, <c>::/0</c> last). An IPv4 rule <c>a.b.c.0/24</c>
    /// and an IPv6 rule <c>::ffff:a.b.c.0/120</c> count as equally specific. Among active blocks for the same
    /// range, the one that lasts longest wins (permanent first, then the latest expiry, then the lowest
    /// <see cref="IpBlock.Id"/>). A block stops matching at its <see cref="IpBlock.ExpiresAt"/> exactly.
    /// Does not allocate.
    /// </summary>
    public IpBlock? Match(IPAddress address, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!IpRange.TryGetKey(address, out var key, out var isIpv4))
        {
            return null;
        }

        foreach (var level in isIpv4 ? _ipv4Levels : _ipv6Levels)
        {
            // Within one range the kept rule is the one that lasts longest, so if it has expired all have.
            if (level.Rules.TryGetValue(key & level.Mask, out var rule) && rule.IsActiveAt(now))
            {
                return rule.Block;
            }
        }

        return null;
    }

    /// <summary>
    /// The earliest expiry strictly after <paramref name="now"/>, or null when no block expires later: when
    /// to refresh the panel or rebuild the set. Matching needs no rebuild; expired blocks stop matching on
    /// their own.
    /// </summary>
    public DateTimeOffset? NextExpiry(DateTimeOffset now)
    {
        int low = 0, high = _expiries.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (_expiries[middle] <= now)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low < _expiries.Length ? _expiries[low] : null;
    }

    private static Level[] ToLevels(Dictionary<int, Dictionary<UInt128, Rule>> groups) =>
    [
        .. groups
            .OrderByDescending(group => group.Key)
            .Select(group => new Level(group.Key, IpRange.MaskFor(group.Key), group.Value)),
    ];

    private sealed record Level(int Prefix128, UInt128 Mask, Dictionary<UInt128, Rule> Rules);

    private readonly record struct Rule(IpBlock Block, DateTimeOffset? ExpiresAt)
    {
        public bool IsActiveAt(DateTimeOffset now) => ExpiresAt is not { } expiresAt || now < expiresAt;

        /// <summary>True when this rule applies for longer than <paramref name="other"/>, or as long and has the lower id.</summary>
        public bool Outlasts(Rule other) => (ExpiresAt, other.ExpiresAt) switch
        {
            (null, not null) => true,
            (not null, null) => false,
            ({ } mine, { } theirs) when mine != theirs => mine > theirs,
            _ => Block.Id < other.Block.Id,
        };
    }
}
