using LibrarianDesk.Hosting;
using LibrarianDesk.Resources;
using LibrarianDesk.Shared.Contracts;
using Microsoft.Extensions.Localization;

namespace LibrarianDesk.Features.IpBlocks;

/// <summary>
/// The widget's HTTP endpoints answer a blocked address with 403 and the patron API's error,
/// <c>{ code: "blocked", message }</c> in the request's language (the hub tells it in words too). After the CORS
/// middleware, so that the widget on a library's page can read why.
/// </summary>
internal sealed class IpBlockMiddleware(RequestDelegate next, IpBlockRules rules, IStringLocalizer<DeskStrings> localizer)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if ((context.Request.Path.StartsWithSegments("/widget", StringComparison.OrdinalIgnoreCase)
                || context.Request.Path.Equals("/widget.js", StringComparison.OrdinalIgnoreCase))
            && await rules.MatchAsync(context.GetClientAddress(), context.RequestAborted) is { } block)
        {
            await rules.RecordHitAsync(block.Id);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(
                new { code = PatronHubContract.ErrorCodes.Blocked, message = localizer["Patron_Error_Blocked"].Value }, context.RequestAborted);
            return;
        }

        await next(context);
    }
}
