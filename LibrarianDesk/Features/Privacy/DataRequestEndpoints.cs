using System.Security.Claims;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Shared.Staff;
using Microsoft.AspNetCore.Mvc;

namespace LibrarianDesk.Features.Privacy;

public static class DataRequestEndpoints
{
    public const string ExportPath = "/privacy/requests/export";

    public static IEndpointRouteBuilder MapDataRequestEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post (antiforgery checked by the form binding), so the searched value never stands in an address or a log of one.
        endpoints.MapPost(ExportPath, async ([FromForm] DataSubjectKind kind, [FromForm] string? value, ClaimsPrincipal user, DataSubjectRequests requests, CancellationToken cancellationToken) =>
            {
                try
                {
                    var export = await requests.ExportAsync(AuditActor.From(user), kind, value, cancellationToken);
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
