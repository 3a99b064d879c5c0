using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace LibrarianDesk.Hosting;

/// <summary>
/// Which client address the desk believes. <c>X-Forwarded-For</c> is honoured only when the direct
/// peer is a proxy listed in <c>Desk:ForwardedHeaders</c>; from anyone else the header is ignored, so
/// nobody can dodge an IP block by writing it. With nothing listed, the header is never used (ASP.NET
/// Core's built-in default would trust loopback; the desk does not assume a proxy it was not told of).
/// </summary>
public static class ForwardedHeadersSetup
{
    public static WebApplicationBuilder AddTrustedProxies(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var section = configuration.GetSection("Desk:ForwardedHeaders");
            var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
            var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy.Trim()));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
            }

            // One proxy hop is the supported deployment (nginx in front of the desk).
            options.ForwardLimit = 1;
        });
        return builder;
    }
}
