namespace LibrarianDesk.Features.Desk;

/// <summary>Section <c>Desk:Presence</c>.</summary>
public sealed class PresenceOptions
{
    /// <summary>A librarian whose every desk tab has been gone this long becomes Offline.</summary>
    public int OfflineAfterSeconds { get; set; } = 120;

    /// <summary>
    /// With several servers (PostgreSQL): a server's report of its desk tabs counts this long after its last renewal
    /// (renewed every few seconds), so the tabs of a server that crashed count as gone once this has passed.
    /// </summary>
    public int ServerExpirySeconds { get; set; } = 30;
}
