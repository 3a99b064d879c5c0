using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Shared.Staff;
using Microsoft.AspNetCore.Antiforgery;

namespace LibrarianDesk.Features.Privacy;

public static class DataRequestEndpoints
{
    public const string ExportPath = "/privacy/requests/export";

    public static IEndpointRouteBuilder MapDataRequestEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post carrying the antiforgery token, so the searched value never stands in an address or a log of
        // one. The form is read by hand after the checks: a bound form would answer a refused caller 415, not 403.
        endpoints.MapPost(ExportPath, async (HttpContext context, IAntiforgery antiforgery, DataSubjectRequests requests, CancellationToken cancellationToken) =>
            {
                var actor = AuditActor.From(context.User);
                await requests.RequireAllowedAsync(actor);
                if (!await antiforgery.IsRequestValidAsync(context) || !context.Request.HasFormContentType)
                {
                    return Results.BadRequest();
                }

                var form = await context.Request.ReadFormAsync(cancellationToken);
                if (!Enum.TryParse<DataSubjectKind>(form["kind"], out var kind))
                {
                    return Results.BadRequest(DataRequestErrors.Kind);
                }

                try
                {
                    var export = await requests.ExportAsync(actor, kind, form["value"], cancellationToken);
                    return Results.File(export.Content, "application/zip", export.FileName);
                }
                catch (DataRequestRefusedException refused)
                {
                    return Results.BadRequest(refused.Message);
                }
            })
            .RequireStaff(DeskRoles.Supervisor);
        return endpoints;
    }
}
