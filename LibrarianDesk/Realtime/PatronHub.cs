using LibrarianDesk.Features.Attachments;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Features.Faq;
using LibrarianDesk.Features.IpBlocks;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Features.Visitors;
using LibrarianDesk.Hosting;
using LibrarianDesk.Shared.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Realtime;

/// <summary>
/// The public patron API (<see cref="PatronHubContract"/>). Thin: each method checks its input and calls a
/// service. Errors become <c>code: sentence</c> HubExceptions in <see cref="PatronHubFilter"/>.
/// </summary>
public sealed class PatronHub(
    PatronChat chat,
    PatronInput input,
    OfflineMessageIntake offlineMessages,
    DeskStatusService deskStatus,
    QuestionTypeCatalog questionTypeCatalog,
    PatronConnections connections,
    FloodGuard flood,
    VisitorService visitors,
    GreetingService greetings,
    FaqService faq,
    PatronNoticeStore notices,
    IOptionsMonitor<AttachmentOptions> attachments) : Hub<IPatronClient>, IPatronHub
{
    public static string ConversationGroup(Guid conversationId) => $"conversation:{conversationId:N}";

    // A blocked address is refused here (see PatronHubFilter.OnConnectedAsync) before it is counted.
    public override Task OnConnectedAsync()
    {
        connections.Add(Context, ClientAddress);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return visitors.DisconnectedAsync(Context.ConnectionId);
    }

    public async Task<HelloResponse> Hello(HelloRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var language = PatronLanguage.Normalize(request.Language);
        PatronLanguage.Set(Context, language);

        var http = Context.GetHttpContext();
        await visitors.ArriveAsync(Context.ConnectionId, new VisitorArrival(
            request.VisitorId, request.PageUrl, request.PageTitle, request.Referrer, language,
            http?.Request.Headers.UserAgent.ToString(), ClientAddress?.ToString()));

        var status = await deskStatus.GetAsync();
        var questionTypes = await questionTypeCatalog.ActiveAsync();
        var notice = await notices.GetAsync();
        return new HelloResponse(
            status.ToPatronInfo(),
            questionTypes.Select(q => new QuestionTypeOption(q.Id, q.NameFor(language))).ToList(),
            new MessageLimits(input.MaxMessageLength, Shared.Conversations.Conversation.MaxPatronNameLength, attachments.CurrentValue.MaxBytes),
            notice.ForPatron(language));
    }

    public Task PageChanged(PageView page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return visitors.PageChangedAsync(Context.ConnectionId, page.PageUrl, page.PageTitle);
    }

    public Task<IReadOnlyList<FaqAnswer>> SearchFaq(string query) => faq.SearchAsync(query, PatronLanguage.Get(Context));

    public async Task<StartConversationResponse> StartConversation(StartConversationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = await chat.StartAsync(request, PatronLanguage.Get(Context), ClientAddress?.ToString());
        await FollowAsync(started.Response.ConversationId);
        if (started.IsNew)
        {
            await RefuseFloodAsync(flood.ConversationStartedAsync(ClientAddress, started.Response.ConversationId, request.Text));
        }

        return started.Response;
    }

    public async Task<StartConversationResponse> AnswerGreeting(AnswerGreetingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await greetings.AnswerAsync(Context.ConnectionId, request, PatronLanguage.Get(Context), ClientAddress?.ToString());
        await FollowAsync(response.ConversationId);
        await RefuseFloodAsync(flood.ConversationStartedAsync(ClientAddress, response.ConversationId, request.Text));
        return response;
    }

    public async Task<MessageAcknowledgement> SendMessage(SendMessageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = await chat.SendPatronMessageAsync(request);
        if (!message.IsResend)
        {
            await RefuseFloodAsync(flood.MessageStoredAsync(ClientAddress, request.ConversationId, message.Text));
        }

        return new MessageAcknowledgement(message.Sequence, message.SentAt);
    }

    private System.Net.IPAddress? ClientAddress => Context.GetClientAddress();

    private async Task FollowAsync(Guid conversationId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, ConversationGroup(conversationId));
        connections.Follow(Context.ConnectionId, conversationId);
    }

    /// <summary>
    /// What crossed a threshold was stored (it is evidence for IT staff); the block that follows ends the
    /// conversation, and this call is answered <c>blocked:</c>.
    /// </summary>
    private static async Task RefuseFloodAsync(Task<bool> crossedThreshold)
    {
        if (await crossedThreshold)
        {
            throw new PatronRequestException(PatronHubContract.ErrorCodes.Blocked, "Patron_Error_Blocked");
        }
    }

    public async Task<ResumeResponse> Resume(ResumeRequest request)
    {
        // Join first, then read: a message committed in between is both read and pushed (the client
        // drops the duplicate by sequence) rather than neither.
        ArgumentNullException.ThrowIfNull(request);
        await chat.VerifyPatronAsync(new ConversationKey(request.ConversationId, request.PatronToken));
        await FollowAsync(request.ConversationId);
        return await chat.ResumeAsync(request);
    }

    /// <summary>
    /// With typing previews off a draft reaches no librarian, not even as "is typing" without its text: the switch
    /// is checked here, so a widget that ignores Hello (or an old one) cannot show drafts either, and a change
    /// counts from the next call on every server (the store's copy is dropped on <see cref="PatronNoticeChanged"/>).
    /// </summary>
    public async Task Typing(TypingRequest request)
    {
        if ((await notices.GetAsync()).TypingPreviews)
        {
            await chat.PatronTypingAsync(request);
        }
    }

    public Task EndConversation(ConversationKey conversation) => chat.EndByPatronAsync(conversation);

    public Task RateConversation(RateConversationRequest request) => chat.RateAsync(request);

    public Task RequestTranscript(TranscriptRequest request) => chat.RequestTranscriptAsync(request);

    public Task<OfflineMessageAcknowledgement> LeaveOfflineMessage(OfflineMessageRequest request) =>
        offlineMessages.LeaveAsync(request, PatronLanguage.Get(Context));
}
