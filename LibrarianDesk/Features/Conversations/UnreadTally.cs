using LibrarianDesk.Shared.Conversations;

namespace LibrarianDesk.Features.Conversations;

/// <summary>
/// One screen's running count of what a librarian has not read: loaded from <see cref="UnreadMessages"/>
/// and kept up to date from the desk's events without a query per message. The screens showing counts (the
/// alerts in the app bar, "Percakapan saya", the queue cards) each keep one, so all count the same way.
/// Used on the screen's renderer thread only.
/// </summary>
public sealed class UnreadTally
{
    private Dictionary<Guid, UnreadConversation> conversations = [];

    /// <summary>Unread patron messages in the librarian's own active conversations.</summary>
    public int MineUnread => conversations.Values.Where(c => c.IsMine).Sum(c => c.Unread);

    /// <summary>Conversations waiting for anyone to take them.</summary>
    public int Waiting => conversations.Values.Count(c => !c.IsMine);

    /// <summary>What the tab title counts: unread messages in my conversations plus the chats waiting.</summary>
    public int TitleCount => MineUnread + Waiting;

    public void Load(IEnumerable<UnreadConversation> loaded, Guid? viewing = null) =>
        conversations = loaded.ToDictionary(c => c.ConversationId, c => c.ConversationId == viewing ? c with { Unread = 0 } : c);

    public bool IsMine(Guid conversationId) => conversations.TryGetValue(conversationId, out var c) && c.IsMine;

    public int UnreadIn(Guid conversationId) => conversations.TryGetValue(conversationId, out var c) ? c.Unread : 0;

    public string? PatronName(Guid conversationId) => conversations.TryGetValue(conversationId, out var c) ? c.PatronName : null;

    /// <summary>
    /// Counts a committed message: a patron's message not yet counted (its sequence is past the last one
    /// known) in a conversation this screen follows, unless it is the one on screen, which is read there.
    /// Returns whether it counted.
    /// </summary>
    public bool Count(ConversationMessageAdded added, Guid? viewing = null)
    {
        ArgumentNullException.ThrowIfNull(added);
        if (!conversations.TryGetValue(added.ConversationId, out var known) || added.Sequence <= known.LastSequence)
        {
            return false;
        }

        var counts = added.Line.Message.Author == MessageAuthor.Patron && added.ConversationId != viewing;
        conversations[added.ConversationId] = known with { LastSequence = added.Sequence, Unread = counts ? known.Unread + 1 : known.Unread };
        return counts;
    }

    /// <summary>
    /// The librarian read a conversation up to a sequence. Returns false when messages this screen counted
    /// came after it: only a reload knows how many of them the patron wrote.
    /// </summary>
    public bool Read(ConversationRead read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (!conversations.TryGetValue(read.ConversationId, out var known))
        {
            return true;
        }

        if (read.Sequence < known.LastSequence)
        {
            return false;
        }

        conversations[read.ConversationId] = known with { Unread = 0 };
        return true;
    }
}
