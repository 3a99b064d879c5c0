namespace LibrarianDesk.Features.Conversations;

/// <summary>A patron's first message was committed: the conversation waits in the queue.</summary>
public sealed record ConversationStarted(Guid ConversationId);

/// <summary>
/// A message was committed to a conversation. It carries the line as stored, so an open workspace shows it
/// without reading it back: every open workspace did that for every message (docs/performance.md).
/// </summary>
public sealed record ConversationMessageAdded(Guid ConversationId, TranscriptLine Line)
{
    public int Sequence => Line.Message.Sequence;
}

/// <summary>A visitor answered a librarian's greeting: the conversation started as that librarian's, never waiting.</summary>
public sealed record GreetingAnswered(Guid ConversationId, string LibrarianId);

/// <summary>A conversation was claimed, closed, missed or ended by its patron.</summary>
public sealed record ConversationStatusChanged(Guid ConversationId);

/// <summary>An ended conversation got its question type and READ level: it leaves the "to classify" list.</summary>
public sealed record ConversationClassified(Guid ConversationId);

/// <summary>A librarian answered a missed conversation by email (the missed list shows it followed up).</summary>
public sealed record MissedConversationFollowedUp(Guid ConversationId);

/// <summary>The patron is typing (the draft so far, for the librarian's preview); not stored.</summary>
public sealed record PatronTyping(Guid ConversationId, string Draft);

/// <summary>A patron asked for the transcript by email (sent once the conversation has ended).</summary>
public sealed record TranscriptRequested(Guid ConversationId);

/// <summary>A conversation was handed from one librarian to another: the new owner is rung.</summary>
public sealed record ConversationTransferred(Guid ConversationId, string FromLibrarianId, string ToLibrarianId);

/// <summary>A librarian's read mark on a conversation moved forward to <paramref name="Sequence"/>: its unread count clears.</summary>
public sealed record ConversationRead(Guid ConversationId, string LibrarianId, int Sequence);
