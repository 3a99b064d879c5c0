namespace LibrarianDesk.Features.Desk;

/// <summary>Section <c>Desk:Presence</c>.</summary>
public sealed class PresenceOptions
{
    /// <summary>A librarian whose every desk tab has been gone this long becomes Offline.</summary>
    public int OfflineAfterSeconds { get; set; } = 120;
}
