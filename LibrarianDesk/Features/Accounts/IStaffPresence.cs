using LibrarianDesk.Shared.Staff;

namespace LibrarianDesk.Features.Accounts;

/// <summary>
/// The desk's presence as account changes need it: signing out leaves the desk, losing the Librarian role
/// ends a presence. Presence (Features/Desk) builds on accounts, so accounts reach it through this
/// interface, which Desk's <c>PresenceService</c> implements.
/// </summary>
public interface IStaffPresence
{
    Task SetAsync(string librarianId, Presence presence, CancellationToken cancellationToken = default);

    Task<int> ClearNonLibrariansAsync(string? accountId = null, CancellationToken cancellationToken = default);
}
