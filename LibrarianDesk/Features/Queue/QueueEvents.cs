namespace LibrarianDesk.Features.Queue;

/// <summary>
/// Ring the librarians for a conversation: a new one waits, one still waits unclaimed, or one was
/// transferred. Only Online librarians hear it; <see cref="OnlyLibrarianId"/> limits it to one (the new owner).
/// </summary>
public sealed record RingRequested(Guid ConversationId, string? OnlyLibrarianId = null);
