namespace LibrarianDesk.Features.Conversations;

/// <summary>Section <c>Desk:Chat</c>.</summary>
public sealed class ChatOptions
{
    /// <summary>The longest chat message, in characters (at most the storage limit of 4,000).</summary>
    public int MaxMessageLength { get; set; } = 2000;
}
