namespace LibrarianDesk.Features.Members;

/// <summary>A librarian recorded whether a conversation's patron is a member (the queue shows the mark).</summary>
public sealed record ConversationMembershipMarked(Guid ConversationId);
