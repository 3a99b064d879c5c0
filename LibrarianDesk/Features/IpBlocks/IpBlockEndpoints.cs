using System.Security.Claims;
using System.Text;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Shared.Staff;

namespace LibrarianDesk.Features.IpBlocks;

public static class IpBlockEndpoints
{
    public static IEndpointRouteBuilder MapIpBlockEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/ip-blocks.csv", async (ClaimsPrincipal user, IpBlockService blocks, CancellationToken cancellationToken) =>
                Results.File(Encoding.UTF8.GetBytes(IpBlockCsv.Write(await blocks.ListAsync(AuditActor.From(user), cancellationToken))), "text/csv; charset=utf-8", "ip-blocks.csv"))
            .RequireStaff(DeskRoles.ItAdmin, DeskRoles.Supervisor);
        return endpoints;
    }
}
