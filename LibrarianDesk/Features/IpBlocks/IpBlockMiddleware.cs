using LibrarianDesk.Hosting;

namespace LibrarianDesk.Features.IpBlocks;

/// <summary>The widget's HTTP endpoints answer a blocked address with 403 (the hub tells it in words).</summary>
internal sealed class IpBlockMiddleware(RequestDelegate next, IpBlockRules rules)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if ((context.Request.Path.StartsWithSegments("/widget", StringComparison.OrdinalIgnoreCase)
                || context.Request.Path.Equals("/widget.js", StringComparison.OrdinalIgnoreCase))
            && await rules.MatchAsync(context.GetClientAddress(), context.RequestAborted) is { } block)
        {
            await rules.RecordHitAsync(block.Id);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        await next(context);
    }
}
