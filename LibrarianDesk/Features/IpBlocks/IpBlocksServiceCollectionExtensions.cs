using StackExchange.Redis;

namespace LibrarianDesk.Features.IpBlocks;

public static class IpBlocksServiceCollectionExtensions
{
    public static WebApplicationBuilder AddIpBlocks(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<FloodControlOptions>(builder.Configuration.GetSection("Desk:FloodControl"));
        builder.Services.AddSingleton<FloodGuard>();
        builder.Services.AddSingleton<InProcessAddressCounters>();

        // Several servers (Hosting/SeveralServers registers Redis) count an address together.
        builder.Services.AddSingleton<IAddressCounters>(services => services.GetService<IConnectionMultiplexer>() is null
            ? services.GetRequiredService<InProcessAddressCounters>()
            : ActivatorUtilities.CreateInstance<RedisAddressCounters>(services));
        builder.Services.AddSingleton<IpBlockRules>();
        builder.Services.AddSingleton<IpBlockService>();
        return builder;
    }
}
