namespace LibrarianDesk.Shared.Contracts;

/// <summary>
/// The patron API: a SignalR hub at <see cref="Path"/>, JSON protocol. Method names are public and
/// stable (the widget and any other client call them by name); see docs/widget-api.md.
/// </summary>
public static class PatronHubContract
{
    public const string Path = "/hubs/patron";

    /// <summary>Client → server methods.</summary>
    public static class Methods
    {
        public const string Hello = nameof(IPatronHub.Hello);
        public const string PageChanged = nameof(IPatronHub.PageChanged);
        public const string SearchFaq = nameof(IPatronHub.SearchFaq);
        public const string StartConversation = nameof(IPatronHub.StartConversation);
        public const string SendMessage = nameof(IPatronHub.SendMessage);
        public const string Resume = nameof(IPatronHub.Resume);
        public const string Typing = nameof(IPatronHub.Typing);
        public const string EndConversation = nameof(IPatronHub.EndConversation);
        public const string RateConversation = nameof(IPatronHub.RateConversation);
        public const string RequestTranscript = nameof(IPatronHub.RequestTranscript);
        public const string LeaveOfflineMessage = nameof(IPatronHub.LeaveOfflineMessage);
        public const string AnswerGreeting = nameof(IPatronHub.AnswerGreeting);
    }

    /// <summary>Server → client events.</summary>
    public static class Events
    {
        public const string MessageReceived = nameof(IPatronClient.MessageReceived);
        public const string ConversationClaimed = nameof(IPatronClient.ConversationClaimed);
        public const string LibrarianTyping = nameof(IPatronClient.LibrarianTyping);
        public const string ConversationClosed = nameof(IPatronClient.ConversationClosed);
        public const string Greeting = nameof(IPatronClient.Greeting);
        public const string DeskStatusChanged = nameof(IPatronClient.DeskStatusChanged);
        public const string Blocked = nameof(IPatronClient.Blocked);
    }

    /// <summary>
    /// Every error is a HubException whose message starts with one of these codes and a colon,
    /// followed by a sentence in the patron's language.
    /// </summary>
    public static class ErrorCodes
    {
        public const string Validation = "validation";
        public const string NotFound = "not_found";
        public const string Forbidden = "forbidden";
        public const string RateLimited = "rate_limited";
        public const string Blocked = "blocked";
        public const string Closed = "closed";

        /// <summary>A file larger than the desk takes (the HTTP upload only).</summary>
        public const string TooLarge = "too_large";

        /// <summary>The desk could not store the call (its database is busy, full or failing): nothing was saved; retry with the same ids shortly.</summary>
        public const string Unavailable = "unavailable";
    }
}

/// <summary>What the server offers patrons. The hub implements it; .NET clients call by these names.</summary>
public interface IPatronHub
{
    Task<HelloResponse> Hello(HelloRequest request);

    Task PageChanged(PageView page);

    Task<IReadOnlyList<FaqAnswer>> SearchFaq(string query);

    Task<StartConversationResponse> StartConversation(StartConversationRequest request);

    Task<MessageAcknowledgement> SendMessage(SendMessageRequest request);

    Task<ResumeResponse> Resume(ResumeRequest request);

    Task Typing(TypingRequest request);

    Task EndConversation(ConversationKey conversation);

    Task RateConversation(RateConversationRequest request);

    Task RequestTranscript(TranscriptRequest request);

    Task<OfflineMessageAcknowledgement> LeaveOfflineMessage(OfflineMessageRequest request);

    Task<StartConversationResponse> AnswerGreeting(AnswerGreetingRequest request);
}

/// <summary>What the server pushes to a patron's connection.</summary>
public interface IPatronClient
{
    Task MessageReceived(PatronMessage message);

    Task ConversationClaimed(ConversationClaimedNotice notice);

    Task LibrarianTyping(LibrarianTypingNotice notice);

    Task ConversationClosed(ConversationClosedNotice notice);

    Task Greeting(GreetingNotice greeting);

    Task DeskStatusChanged(DeskStatusInfo status);

    Task Blocked(BlockedNotice notice);
}
