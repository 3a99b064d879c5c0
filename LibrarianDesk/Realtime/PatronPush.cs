using LibrarianDesk.Shared.Contracts;
using Microsoft.AspNetCore.SignalR;

namespace LibrarianDesk.Realtime;

/// <summary>Pushes committed changes to the patron connections that follow a conversation.</summary>
public sealed class PatronPush(IHubContext<PatronHub, IPatronClient> hub)
{
    public Task MessageAsync(PatronMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Conversation(message.ConversationId).MessageReceived(message);
    }

    public Task ClaimedAsync(ConversationClaimedNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return Conversation(notice.ConversationId).ConversationClaimed(notice);
    }

    public Task ClosedAsync(ConversationClosedNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return Conversation(notice.ConversationId).ConversationClosed(notice);
    }

    public Task LibrarianTypingAsync(LibrarianTypingNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return Conversation(notice.ConversationId).LibrarianTyping(notice);
    }

    /// <summary>A greeting for one visitor: every tab they have open, nobody else.</summary>
    public Task GreetingAsync(IReadOnlyList<string> connectionIds, GreetingNotice greeting) =>
        hub.Clients.Clients(connectionIds).Greeting(greeting);

    public Task DeskStatusAsync(DeskStatusInfo status) => hub.Clients.All.DeskStatusChanged(status);

    private IPatronClient Conversation(Guid conversationId) => hub.Clients.Group(PatronHub.ConversationGroup(conversationId));
}
