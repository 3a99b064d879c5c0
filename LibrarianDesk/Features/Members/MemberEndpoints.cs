using System.Security.Claims;
using System.Text;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Shared.Staff;

namespace LibrarianDesk.Features.Members;

public static class MemberEndpoints
{
    public static IEndpointRouteBuilder MapMemberEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Supervisors take the whole directory out (audited), as they bring it in.
        endpoints.MapGet("/members.csv", async (ClaimsPrincipal user, MemberService members, CancellationToken cancellationToken) =>
                Results.File(Encoding.UTF8.GetBytes(await members.ExportAsync(AuditActor.From(user), cancellationToken)), "text/csv; charset=utf-8", "members.csv"))
            .RequireStaff(DeskRoles.Supervisor);
        return endpoints;
    }
}
