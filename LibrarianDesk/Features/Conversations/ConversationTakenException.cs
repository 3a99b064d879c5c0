using LibrarianDesk.Shared.Conversations;

namespace LibrarianDesk.Features.Conversations;

/// <summary>A colleague took the conversation first (or it ended); <see cref="OwnerName"/> says who, when anyone.</summary>
public sealed class ConversationTakenException(Guid conversationId, ConversationStatus status, string? ownerName)
    : Exception($"Conversation {conversationId} is {status}, owned by {ownerName ?? "nobody"}.")
{
    public Guid ConversationId { get; } = conversationId;
    public ConversationStatus Status { get; } = status;
    public string? OwnerName { get; } = ownerName;
}
