using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace LibrarianDesk.Hosting;

/// <summary>
/// Which client address the desk believes. <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are
/// honoured only when the direct peer is a proxy listed in <c>Desk:ForwardedHeaders</c>; from anyone
/// else they are ignored, so nobody can dodge an IP block by writing them. With nothing listed they are
/// never used: ASP.NET Core's middleware would trust every peer when both of its lists are empty, so
/// then it is told to forward nothing at all.
/// </summary>
public static class ForwardedHeadersSetup
{
    private const string Section = "Desk:ForwardedHeaders";

    public static WebApplicationBuilder AddTrustedProxies(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var section = configuration.GetSection(Section);
            var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
            var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy.Trim(), out var address)
                    ? address
                    : throw new InvalidOperationException($"{Section}:KnownProxies: '{proxy}' is not an IP address."));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network.Trim(), out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"{Section}:KnownNetworks: '{network}' is not a network in CIDR notation (10.0.5.0/24)."));
            }

            options.ForwardedHeaders = options.KnownProxies.Count == 0 && options.KnownIPNetworks.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // One proxy hop is the supported deployment (nginx in front of the desk).
            options.ForwardLimit = 1;
        });
        return builder;
    }
}
