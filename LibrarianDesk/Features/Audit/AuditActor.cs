using System.Security.Claims;
using LibrarianDesk.Features.Accounts;

namespace LibrarianDesk.Features.Audit;

/// <summary>Who an audit entry names: a signed-in account, or the desk itself.</summary>
public sealed record AuditActor(string? Id, string Name)
{
    public static AuditActor System { get; } = new(null, "LibrarianDesk");

    public static AuditActor From(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier),
        user.FindFirstValue(DeskClaimTypes.DisplayName) ?? user.Identity?.Name ?? "?");
}
