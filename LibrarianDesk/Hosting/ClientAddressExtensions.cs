using System.Net;
using Microsoft.AspNetCore.SignalR;

namespace LibrarianDesk.Hosting;

/// <summary>
/// The one answer to "which address is this client": the connection's peer after the forwarded-headers
/// middleware (so a proxy's <c>X-Forwarded-For</c> only when that proxy is listed, see
/// <see cref="ForwardedHeadersSetup"/>), with an IPv4 client of a dual-stack socket written as IPv4.
/// IP blocks, flood control, rate limits, the visitors page and the audit log all read it here, so they
/// always name the same address.
/// </summary>
public static class ClientAddressExtensions
{
    public static IPAddress? GetClientAddress(this HttpContext? context)
    {
        var address = context?.Connection.RemoteIpAddress;
        return address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
    }

    public static IPAddress? GetClientAddress(this HubCallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetHttpContext().GetClientAddress();
    }
}
