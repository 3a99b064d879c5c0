namespace LibrarianDesk.Shared.Conversations;

/// <summary>Audit actions of conversations (kept with the feature; see <c>AuditActions</c> for the rest).</summary>
public static class ConversationAuditActions
{
    /// <summary>A librarian answered a missed conversation by email.</summary>
    public const string FollowedUp = "conversation.followed_up";
}
