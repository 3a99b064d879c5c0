using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Shared.Staff;

namespace LibrarianDesk.Features.Desk;

/// <summary>
/// Who answers patrons, defined once: accounts holding the Librarian role. Only they may be Online or
/// Away, count as staffing the desk, are rung, can be handed a conversation or a message, and have a
/// row in the librarian tables; an IT admin or supervisor without the role does none of this.
/// </summary>
public static class DeskStaff
{
    /// <summary>Every account holding the Librarian role, deactivated ones included (their work stays in the numbers).</summary>
    public static IQueryable<Librarian> Librarians(this DeskDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id
            && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == DeskRoles.Librarian)));
    }

    /// <summary>Librarians, and former ones who still own conversations: whom history and analytics can be filtered by.</summary>
    public static IQueryable<Librarian> LibrariansWithConversations(this DeskDbContext db)
    {
        var librarians = db.Librarians();
        return db.Users.Where(u => librarians.Any(l => l.Id == u.Id) || db.Conversations.Any(c => c.OwnerId == u.Id));
    }

    /// <summary>Active librarians: who may set a presence and be handed a conversation or a message.</summary>
    public static IQueryable<Librarian> ActiveLibrarians(this DeskDbContext db) => db.Librarians().Where(u => u.IsActive);

    /// <summary>Active librarians who are Online: they staff the desk and are rung.</summary>
    public static IQueryable<Librarian> LibrariansOnDuty(this DeskDbContext db) =>
        db.ActiveLibrarians().Where(u => u.Presence == Presence.Online);
}

/// <summary>A presence or a conversation was meant for an account that is not an active librarian.</summary>
public sealed class NotALibrarianException(string accountId)
    : InvalidOperationException("not_a_librarian: only an active account with the Librarian role can be Online or Away and be handed a conversation.")
{
    public const string Code = "not_a_librarian";

    public string AccountId { get; } = accountId;
}
