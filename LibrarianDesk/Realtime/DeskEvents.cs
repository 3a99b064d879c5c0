using LibrarianDesk.Shared.Staff;

namespace LibrarianDesk.Realtime;

/// <summary>A librarian switched Online, Away or Offline.</summary>
public sealed record PresenceChanged(string LibrarianId, string DisplayName, Presence Presence);

/// <summary>An account was deactivated or its password reset: its open desks must sign out.</summary>
public sealed record AccountSignedOut(string LibrarianId);

/// <summary>Service hours, holidays or the always-open switch changed.</summary>
public sealed record ServiceHoursChanged;
