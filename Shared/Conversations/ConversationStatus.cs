namespace LibrarianDesk.Shared.Conversations;

/// <summary>Where a conversation is in its life: Waiting → Active → Closed, or Waiting → Missed.</summary>
public enum ConversationStatus
{
    Waiting = 0,
    Active = 1,
    Closed = 2,
    Missed = 3,
}
