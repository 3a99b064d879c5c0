using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace LibrarianDesk.Shared.Blocking;

/// <summary>
/// One address or a CIDR range, IPv4 or IPv6, as the IP-block panel stores it.
/// </summary>
/// <remarks>
/// <para>
/// Parsing is strict, because a block list is security configuration: an IPv4 address must be a canonical
/// dotted quad (four decimal numbers 0–255, no leading zeros, so <c>010.0.0.1</c>, <c>1</c>, <c>0x7f.1</c>
/// and <c>1.2.3</c> are refused although <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> takes
/// them); an IPv6 address must be a valid IPv6 text with at most four hex digits a group, optionally ending
/// in a canonical dotted quad, and without a zone id (<c>fe80::1%eth0</c> is refused). Whitespace around the
/// text is trimmed; whitespace inside it is an error.
/// </para>
/// <para>
/// A range written with host bits set (<c>10.0.0.5/24</c>) is not an error: it is normalised to its network
/// (<c>10.0.0.0/24</c>) and <see cref="HostBitsCleared"/> says so, so the panel can tell the admin that the
/// block is wider than the address typed. <see cref="ToString"/> is the canonical text, which parses back
/// to an equal range; equality compares the canonical text, not how the range was typed.
/// </para>
/// <para>
/// Matching works in one 128-bit space where an IPv4 address <c>a.b.c.d</c> is <c>::ffff:a.b.c.d</c>: an IPv4
/// address and its IPv4-mapped IPv6 form are the same patron, and both match an IPv4 rule and an IPv6 rule
/// written inside <c>::ffff:0:0/96</c> (prefix 96 or longer). Apart from <c>::/0</c>, which matches every
/// address, a plain IPv6 range never matches an IPv4 patron, even one such as <c>::/64</c> whose bits happen
/// to include the mapped block; and an IPv4 rule never matches a (non-mapped) IPv6 address.
/// </para>
/// </remarks>
public sealed class IpRange : IEquatable<IpRange>
{
    /// <summary>The top 96 bits of an IPv4-mapped IPv6 address, <c>::ffff:0:0</c>.</summary>
    private static readonly UInt128 MappedPrefix = (UInt128)0xFFFF << 32;

    private const int Ipv4Offset = 96;

    private readonly string _text;

    private IpRange(AddressFamily family, UInt128 address128, int prefixLength)
    {
        Family = family;
        PrefixLength = prefixLength;
        Prefix128 = family == AddressFamily.InterNetwork ? Ipv4Offset + prefixLength : prefixLength;
        Mask = MaskFor(Prefix128);
        Network = address128 & Mask;
        HostBitsCleared = Network != address128;
        IsIpv4Space = Prefix128 >= Ipv4Offset && (Network >> 32) == 0xFFFF;
        _text = Format();
    }

    /// <summary><see cref="AddressFamily.InterNetwork"/> or <see cref="AddressFamily.InterNetworkV6"/>, as written.</summary>
    public AddressFamily Family { get; }

    /// <summary>The prefix length as written: 0–32 for IPv4, 0–128 for IPv6; 32 or 128 for a single address.</summary>
    public int PrefixLength { get; }

    /// <summary>True when the range is one address (<c>/32</c> for IPv4, <c>/128</c> for IPv6, or no prefix at all).</summary>
    public bool IsSingleAddress => Prefix128 == 128;

    /// <summary>
    /// True when the range blocks a whole address family, so the panel asks for explicit confirmation:
    /// <c>0.0.0.0/0</c> and <c>::ffff:0:0/96</c> (every IPv4 patron) and <c>::/0</c> (everyone).
    /// </summary>
    public bool CoversEverything => Prefix128 == 0 || (IsIpv4Space && Prefix128 == Ipv4Offset);

    /// <summary>
    /// True when the text had host bits set and was normalised to its network, for example
    /// <c>10.0.0.5/24</c> to <c>10.0.0.0/24</c>. Not part of equality.
    /// </summary>
    public bool HostBitsCleared { get; }

    /// <summary>The prefix length in the 128-bit space where IPv4 sits at <c>::ffff:0:0/96</c>.</summary>
    internal int Prefix128 { get; }

    internal UInt128 Mask { get; }

    /// <summary>The first address of the range, in the 128-bit space.</summary>
    internal UInt128 Network { get; }

    /// <summary>True when the range lies inside <c>::ffff:0:0/96</c>, so only IPv4 (and mapped) addresses fall in it.</summary>
    internal bool IsIpv4Space { get; }

    /// <summary>
    /// Reads an address or CIDR range. On failure <paramref name="errorCode"/> is one of
    /// <see cref="IpRangeErrors"/>; on success it is null.
    /// </summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out IpRange? range,
        [NotNullWhen(false)] out string? errorCode)
    {
        range = null;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            errorCode = IpRangeErrors.Empty;
            return false;
        }

        var slash = span.IndexOf('/');
        var addressPart = slash < 0 ? span : span[..slash];
        var prefixPart = slash < 0 ? [] : span[(slash + 1)..];

        AddressFamily family;
        UInt128 address128;
        int maxPrefix;
        if (addressPart.Contains(':'))
        {
            if (!TryParseIpv6(addressPart, out address128))
            {
                errorCode = IpRangeErrors.MalformedAddress;
                return false;
            }

            family = AddressFamily.InterNetworkV6;
            maxPrefix = 128;
        }
        else
        {
            if (!TryParseDottedQuad(addressPart, out var ipv4))
            {
                errorCode = IpRangeErrors.MalformedAddress;
                return false;
            }

            family = AddressFamily.InterNetwork;
            address128 = MappedPrefix | ipv4;
            maxPrefix = 32;
        }

        var prefixLength = maxPrefix;
        if (slash >= 0)
        {
            var prefixError = ParsePrefix(prefixPart, maxPrefix, out prefixLength);
            if (prefixError is not null)
            {
                errorCode = prefixError;
                return false;
            }
        }

        range = new IpRange(family, address128, prefixLength);
        errorCode = null;
        return true;
    }

    /// <summary>Reads an address or CIDR range, or throws a <see cref="FormatException"/> whose message is the error code.</summary>
    public static IpRange Parse(string text) =>
        TryParse(text, out var range, out var errorCode) ? range : throw new FormatException(errorCode);

    /// <summary>
    /// The single-address range of a patron's address, for "block this IP". An IPv4-mapped IPv6 address
    /// becomes its IPv4 address (<c>::ffff:203.0.113.7</c> gives <c>203.0.113.7</c>); a scope id is dropped.
    /// </summary>
    public static IpRange FromAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!TryGetKey(address, out var key, out var isIpv4))
        {
            throw new ArgumentException("Only IPv4 and IPv6 addresses can be blocked.", nameof(address));
        }

        return isIpv4
            ? new IpRange(AddressFamily.InterNetwork, key, 32)
            : new IpRange(AddressFamily.InterNetworkV6, key, 128);
    }

    /// <summary>
    /// True when <paramref name="address"/> falls in the range; see the remarks on the class for how IPv4,
    /// IPv4-mapped IPv6 and IPv6 meet. Does not allocate.
    /// </summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return TryGetKey(address, out var key, out var isIpv4) && Contains(key, isIpv4);
    }

    internal bool Contains(UInt128 key, bool isIpv4) =>
        Prefix128 == 0 || (isIpv4 == IsIpv4Space && (key & Mask) == Network);

    /// <summary>
    /// The address in the 128-bit space (IPv4 as <c>::ffff:a.b.c.d</c>), and whether it is an IPv4 patron
    /// (an IPv4 address or an IPv4-mapped IPv6 one).
    /// </summary>
    internal static bool TryGetKey(IPAddress address, out UInt128 key, out bool isIpv4)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (address.TryWriteBytes(bytes, out var written))
        {
            if (written == 4)
            {
                key = MappedPrefix | BinaryPrimitives.ReadUInt32BigEndian(bytes);
                isIpv4 = true;
                return true;
            }

            if (written == 16)
            {
                key = BinaryPrimitives.ReadUInt128BigEndian(bytes);
                isIpv4 = (key >> 32) == 0xFFFF;
                return true;
            }
        }

        key = default;
        isIpv4 = false;
        return false;
    }

    internal static UInt128 MaskFor(int prefix128) => prefix128 == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - prefix128);

    /// <summary>
    /// The canonical text: the network address, then <c>/prefix</c> unless it is a single address; IPv6 in
    /// the framework's RFC 5952 form (lower case, longest zero run compressed). For example <c>203.0.113.7</c>,
    /// <c>203.0.113.0/24</c>, <c>2001:db8::/32</c>, <c>::ffff:203.0.113.7</c>, <c>::ffff:0:0/96</c>.
    /// </summary>
    public override string ToString() => _text;

    public bool Equals(IpRange? other) =>
        other is not null && Family == other.Family && PrefixLength == other.PrefixLength && Network == other.Network;

    public override bool Equals(object? obj) => Equals(obj as IpRange);

    public override int GetHashCode() => HashCode.Combine(Family, PrefixLength, Network);

    public static bool operator ==(IpRange? left, IpRange? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(IpRange? left, IpRange? right) => !(left == right);

    private string Format()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Network);
        var address = Family == AddressFamily.InterNetwork ? new IPAddress(bytes[12..]) : new IPAddress(bytes);
        var text = address.ToString();
        return IsSingleAddress ? text : text + "/" + PrefixLength.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Null when the prefix is fine; otherwise the error code.</summary>
    private static string? ParsePrefix(ReadOnlySpan<char> text, int maxPrefix, out int prefixLength)
    {
        prefixLength = 0;
        if (text.IsEmpty || !IsAllAsciiDigits(text) || (text.Length > 1 && text[0] == '0'))
        {
            return IpRangeErrors.MalformedPrefix;
        }

        if (text.Length > 3)
        {
            return IpRangeErrors.PrefixOutOfRange;
        }

        foreach (var c in text)
        {
            prefixLength = (prefixLength * 10) + (c - '0');
        }

        return prefixLength > maxPrefix ? IpRangeErrors.PrefixOutOfRange : null;
    }

    private static bool IsAllAsciiDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Exactly four decimal numbers 0–255 separated by dots, without leading zeros or signs.</summary>
    private static bool TryParseDottedQuad(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        var i = 0;
        for (var part = 0; part < 4; part++)
        {
            if (part > 0)
            {
                if (i >= text.Length || text[i] != '.')
                {
                    return false;
                }

                i++;
            }

            var start = i;
            var number = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]) && i - start < 3)
            {
                number = (number * 10) + (text[i] - '0');
                i++;
            }

            var length = i - start;
            if (length == 0 || (length > 1 && text[start] == '0') || number > 255)
            {
                return false;
            }

            value = (value << 8) | (uint)number;
        }

        return i == text.Length;
    }

    /// <summary>
    /// A valid IPv6 text: hex groups of at most four digits, at most one <c>::</c>, optionally ending in a
    /// canonical dotted quad; no zone id, brackets or anything else. The structure is then left to
    /// <see cref="IPAddress.TryParse(ReadOnlySpan{char}, out IPAddress?)"/>.
    /// </summary>
    private static bool TryParseIpv6(ReadOnlySpan<char> text, out UInt128 value)
    {
        value = default;
        var lastColon = text.LastIndexOf(':');
        var head = text;
        var tail = text[(lastColon + 1)..];
        if (tail.Contains('.'))
        {
            if (!TryParseDottedQuad(tail, out _))
            {
                return false;
            }

            head = text[..(lastColon + 1)];
        }

        var groupLength = 0;
        foreach (var c in head)
        {
            if (c == ':')
            {
                groupLength = 0;
            }
            else if (char.IsAsciiHexDigit(c) && ++groupLength <= 4)
            {
                continue;
            }
            else
            {
                return false;
            }
        }

        var doubleColon = text.IndexOf("::", StringComparison.Ordinal);
        if (doubleColon >= 0 && text[(doubleColon + 1)..].Contains("::", StringComparison.Ordinal))
        {
            return false;
        }

        if (!IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6 || address.ScopeId != 0)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written) || written != 16)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return true;
    }
}
