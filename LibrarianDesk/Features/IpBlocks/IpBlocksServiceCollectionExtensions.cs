namespace LibrarianDesk.Features.IpBlocks;

public static class IpBlocksServiceCollectionExtensions
{
    public static WebApplicationBuilder AddIpBlocks(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<FloodControlOptions>(builder.Configuration.GetSection("Desk:FloodControl"));
        builder.Services.AddSingleton<FloodGuard>();
        builder.Services.AddSingleton<IpBlockRules>();
        builder.Services.AddSingleton<IpBlockService>();
        return builder;
    }
}
