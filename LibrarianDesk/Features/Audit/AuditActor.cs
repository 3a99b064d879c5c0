using System.Security.Claims;
using LibrarianDesk.Shared.Staff;

namespace LibrarianDesk.Features.Audit;

/// <summary>Who an audit entry names: a signed-in account, or the desk itself.</summary>
public sealed record AuditActor(string? Id, string Name)
{
    public static AuditActor System { get; } = new(null, "LibrarianDesk");

    /// <summary>The signed-in account of <paramref name="user"/>; an anonymous caller is refused (only code acts as <see cref="System"/>).</summary>
    public static AuditActor From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new UnauthorizedAccessException("not_signed_in: an anonymous caller cannot act on the desk.");
        return new(id, user.FindFirstValue(DeskClaimTypes.DisplayName) ?? user.Identity?.Name ?? "?");
    }
}
