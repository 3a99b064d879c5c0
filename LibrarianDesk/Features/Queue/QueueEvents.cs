using LibrarianDesk.Features.Conversations;

namespace LibrarianDesk.Features.Queue;

/// <summary>
/// Ring the librarians for a conversation: a new one waits, one still waits unclaimed, or one was
/// transferred (<see cref="OnlyLibrarianId"/> is then its new owner). <see cref="Ringer"/> decides who hears it.
/// </summary>
public sealed record RingRequested(Guid ConversationId, string? OnlyLibrarianId = null);

/// <summary>
/// Who is rung and with what, decided once for the whole desk by <see cref="Ringer"/>: each desk tab only
/// looks whether its librarian <see cref="Rings"/>.
/// </summary>
public sealed record LibrariansRung(RingReason Reason, QueueItem Conversation, IReadOnlySet<string> LibrarianIds)
{
    public bool Rings(string librarianId) => LibrarianIds.Contains(librarianId);
}

public enum RingReason
{
    /// <summary>A conversation waits (new, or still unclaimed a ring period later): the librarians on duty.</summary>
    Waiting,

    /// <summary>A conversation was transferred: its new owner.</summary>
    Transferred,

    /// <summary>A visitor answered a greeting: the librarian who greeted.</summary>
    GreetingAnswered,
}
