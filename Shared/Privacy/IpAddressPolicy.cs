using System.Net;
using System.Net.Sockets;

namespace LibrarianDesk.Shared.Privacy;

/// <summary>What the desk keeps of a patron's or visitor's IP address (blocks and flood control always use the live connection's).</summary>
public enum IpAddressPolicy
{
    /// <summary>The whole address.</summary>
    Full = 0,

    /// <summary>The network only: IPv4 to /24, IPv6 to /48, written as that range (<c>203.0.113.0/24</c>).</summary>
    Truncated = 1,

    /// <summary>Nothing.</summary>
    None = 2,
}

public static class IpAddressPolicies
{
    private const int Ipv4PrefixBits = 24;
    private const int Ipv6PrefixBits = 48;

    /// <summary>
    /// The form of <paramref name="address"/> this policy keeps. A truncated address is written as its range, so a
    /// block started from it (the patron panel, the Visitors page) blocks that network; an address that cannot be read
    /// is not kept unless the policy keeps everything.
    /// </summary>
    public static string? StoredForm(this IpAddressPolicy policy, string? address)
    {
        if (policy == IpAddressPolicy.Full || string.IsNullOrWhiteSpace(address))
        {
            return policy == IpAddressPolicy.Full ? address : null;
        }

        if (policy != IpAddressPolicy.Truncated || !IPAddress.TryParse(address.Trim(), out var parsed))
        {
            return null;
        }

        if (parsed.IsIPv4MappedToIPv6)
        {
            parsed = parsed.MapToIPv4();
        }

        var bytes = parsed.GetAddressBytes();
        var bits = parsed.AddressFamily == AddressFamily.InterNetwork ? Ipv4PrefixBits : Ipv6PrefixBits;
        Array.Clear(bytes, bits / 8, bytes.Length - (bits / 8));
        return $"{new IPAddress(bytes)}/{bits}";
    }
}
