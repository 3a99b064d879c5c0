using LibrarianDesk.Shared.Staff;
using Microsoft.AspNetCore.Identity;

namespace LibrarianDesk.Features.Accounts;

/// <summary>A staff account of the desk. Despite the name, roles decide what it may do; most hold <c>Librarian</c>.</summary>
public sealed class Librarian : IdentityUser
{
    public const int MaxDisplayNameLength = 80;

    /// <summary>The name patrons and colleagues see ("Pustakawan Sari").</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>A deactivated account cannot sign in and loses its sessions; its history stays.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Set for a generated or reset password: the next sign-in must choose a new one.</summary>
    public bool MustChangePassword { get; set; }

    public Presence Presence { get; set; } = Presence.Offline;
    public DateTimeOffset? PresenceChangedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
