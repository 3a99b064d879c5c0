using System.Security.Claims;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Shared.Staff;

namespace LibrarianDesk.Features.OfflineMessages;

/// <summary>The signed-in librarian looking at the inbox: who they are and whether they may assign others.</summary>
public sealed record OfflineViewer(AuditActor Actor, bool IsSupervisor)
{
    public string Id => Actor.Id ?? "";

    public static OfflineViewer From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new OfflineViewer(AuditActor.From(user), user.IsInRole(DeskRoles.Supervisor));
    }
}
