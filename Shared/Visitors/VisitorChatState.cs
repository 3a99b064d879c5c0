namespace LibrarianDesk.Shared.Visitors;

/// <summary>Where a visitor stands with the desk.</summary>
public enum VisitorChatState
{
    Browsing,

    /// <summary>Wrote to the desk; nobody took the conversation yet.</summary>
    Waiting,

    /// <summary>A librarian owns the visitor's conversation.</summary>
    Chatting,
}
