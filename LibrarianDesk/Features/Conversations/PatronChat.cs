using LibrarianDesk.Data;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Features.Scheduling;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Conversations;

/// <summary>
/// The conversation as the patron acts in it (the patron API). Every message is committed before it is
/// acknowledged or pushed; a resend with the same client message id returns the first acknowledgement.
/// The patron proves each call with the conversation's token.
/// </summary>
public sealed class PatronChat(
    IDbContextFactory<DeskDbContext> dbFactory,
    DeskStatusService deskStatus,
    ServiceHoursStore serviceHours,
    PatronPush patrons,
    DeskNotifier notifier,
    SqliteWriteGate writes,
    ChatMessageWriter messages,
    ConversationOrder order,
    PatronInput input,
    TranscriptMailer transcripts,
    PrivacySettingsStore privacy,
    TimeProvider time)
{
    /// <summary>
    /// Starts a conversation, or answers a retry of a start (same <see cref="StartConversationRequest.StartKey"/>)
    /// with the conversation it started. The unique token index decides between two copies of one start
    /// arriving at once: the second insert fails and reads the first one's conversation. The patron's address is kept
    /// as the IP address policy says (<see cref="PrivacySettingsStore.StoredAddressAsync"/>).
    /// </summary>
    public async Task<StartedConversation> StartAsync(StartConversationRequest request, string language, string? patronIpAddress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = input.ValidName(request.Name);
        var email = input.ValidEmail(request.Email);
        var memberNumber = input.ValidMemberNumber(request.MemberNumber);
        var text = input.ValidText(request.Text);
        var clientMessageId = input.ValidClientMessageId(request.ClientMessageId);
        var startKey = input.ValidStartKey(request.StartKey);

        await using var db = await dbFactory.CreateDbContextAsync();
        if (startKey is not null && await StartedEarlierAsync(db, startKey, language) is { } retried)
        {
            return retried;
        }

        await input.RequireQuestionTypeAsync(db, request.QuestionTypeId);
        if (!(await deskStatus.GetAsync()).IsOpenForChats)
        {
            throw new PatronRequestException(PatronHubContract.ErrorCodes.Closed, "Patron_Error_Closed");
        }

        var token = startKey ?? PatronToken.Create();
        var storedAddress = await privacy.StoredAddressAsync(patronIpAddress);
        var now = time.GetStoredUtcNow();
        var conversation = Conversation.Start(
            Guid.CreateVersion7(now), name, email, memberNumber, request.QuestionTypeId,
            input.PageUrl(request.PageUrl), now, PatronToken.Hash(token), input.VisitorId(request.VisitorId), language, storedAddress);
        var first = conversation.Append(MessageAuthor.Patron, null, text, now, clientMessageId);
        db.Conversations.Add(conversation);
        try
        {
            using (await writes.EnterAsync())
            {
                await db.SaveChangesAsync();
            }
        }
        catch (DbUpdateException ex) when (startKey is not null && UniqueViolation.Is(ex))
        {
            await using var again = await dbFactory.CreateDbContextAsync();
            return await StartedEarlierAsync(again, startKey, language) ?? throw new InvalidOperationException("A start refused as a duplicate has no original.", ex);
        }

        await notifier.PublishAsync(new ConversationStarted(conversation.Id));
        return new StartedConversation(new StartConversationResponse(conversation.Id, token, PatronMessages.Of(first, null, language)), IsNew: true);
    }

    /// <summary>
    /// The patron answered a greeting. A librarian's greeting makes the conversation theirs at once
    /// (Active, the greeting as its first message, never in the queue); an automatic one waits in the
    /// queue like any other, the greeting kept as an internal note after the patron's words.
    /// </summary>
    public async Task<StartConversationResponse> StartFromGreetingAsync(GreetingAnswer answer, string language, string? patronIpAddress = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var name = input.ValidName(answer.Name);
        var email = input.ValidOptionalEmail(answer.Email);
        var memberNumber = input.ValidMemberNumber(answer.MemberNumber);
        var text = input.ValidText(answer.Text);
        var clientMessageId = input.ValidClientMessageId(answer.ClientMessageId);
        if (answer.LibrarianId is null && !(await deskStatus.GetAsync()).IsOpenForChats)
        {
            throw new PatronRequestException(PatronHubContract.ErrorCodes.Closed, "Patron_Error_Closed");
        }

        var token = PatronToken.Create();
        var storedAddress = await privacy.StoredAddressAsync(patronIpAddress);
        var now = time.GetStoredUtcNow();
        var conversation = Conversation.Start(
            Guid.CreateVersion7(now), name, email, memberNumber, null,
            input.PageUrl(answer.PageUrl), now, PatronToken.Hash(token), input.VisitorId(answer.VisitorId), language, storedAddress);
        ChatMessage first;
        string? librarianName = null;
        await using var db = await dbFactory.CreateDbContextAsync();
        if (answer.LibrarianId is { } librarianId)
        {
            librarianName = await db.Users.Where(u => u.Id == librarianId).Select(u => u.DisplayName).SingleAsync();
            conversation.Claim(librarianId, now);
            first = conversation.Append(MessageAuthor.Librarian, librarianId, answer.GreetingText, now);
            conversation.Append(MessageAuthor.Patron, null, text, now, clientMessageId);
            conversation.RecordMetrics(await serviceHours.MetricClockAsync());
        }
        else
        {
            first = conversation.Append(MessageAuthor.Patron, null, text, now, clientMessageId);
            conversation.Append(MessageAuthor.Note, null, answer.GreetingText, now);
        }

        db.Conversations.Add(conversation);
        using (await writes.EnterAsync())
        {
            await db.SaveChangesAsync();
        }

        await notifier.PublishAsync(new ConversationStarted(conversation.Id));
        if (answer.LibrarianId is not null)
        {
            // Started already taken; an answer that waits is announced like any new conversation.
            await notifier.PublishAsync(new ConversationStatusChanged(conversation.Id));
            await notifier.PublishAsync(new GreetingAnswered(conversation.Id, answer.LibrarianId));
        }

        return new StartConversationResponse(conversation.Id, token, PatronMessages.Of(first, librarianName, language));
    }

    /// <summary>The conversation a start key started, answered as it was the first time (the key is its token).</summary>
    private static async Task<StartedConversation?> StartedEarlierAsync(DeskDbContext db, string startKey, string language)
    {
        var tokenHash = PatronToken.Hash(startKey);
        var first = await db.ChatMessages.AsNoTracking()
            .Where(m => m.Sequence == 1 && db.Conversations.Any(c => c.Id == m.ConversationId && c.PatronTokenHash == tokenHash))
            .SingleOrDefaultAsync();
        return first is null ? null
            : new StartedConversation(new StartConversationResponse(first.ConversationId, startKey, PatronMessages.Of(first, null, language)), IsNew: false);
    }

    /// <summary>The patron's message, committed; <see cref="WrittenMessage.IsResend"/> when it was stored before.</summary>
    public async Task<WrittenMessage> SendPatronMessageAsync(SendMessageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = input.ValidText(request.Text);
        var clientMessageId = input.ValidClientMessageId(request.ClientMessageId);
        var conversationId = request.ConversationId;
        var message = await order.InOrderAsync(conversationId, () => messages.AppendPatronMessageAsync(conversationId, request.PatronToken, text, clientMessageId));
        if (!message.IsResend)
        {
            // The desk's copy does not wait for the patron's own: with several servers each is a Redis round trip.
            await Task.WhenAll(
                notifier.PublishAsync(new ConversationMessageAdded(conversationId, message.Line)),
                patrons.MessageAsync(new PatronMessage(
                    conversationId, message.Sequence, PatronMessage.FromPatron, null, message.Text, message.SentAt, clientMessageId)));
        }

        return message;
    }

    public async Task<ResumeResponse> ResumeAsync(ResumeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await dbFactory.CreateDbContextAsync();
        var conversation = await FindAsync(db, request.ConversationId, request.PatronToken);
        var messages = await db.ChatMessages.AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id && m.Sequence > request.AfterSequence)
            .Where(TranscriptAudiences.SeenByPatron)
            .OrderBy(m => m.Sequence)
            .ToListAsync();
        var names = await ConversationQueries.LibrarianNamesAsync(db, messages.Select(m => m.AuthorId).Append(conversation.OwnerId));
        return new ResumeResponse(
            conversation.Status.ToString().ToLowerInvariant(),
            conversation.OwnerId is null ? null : names.GetValueOrDefault(conversation.OwnerId),
            messages.Select(m => PatronMessages.Of(m, m.AuthorId is null ? null : names.GetValueOrDefault(m.AuthorId), conversation.Language)).ToList());
    }

    /// <summary>Proves the caller holds the conversation's token (for joining its updates).</summary>
    public async Task VerifyPatronAsync(ConversationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var db = await dbFactory.CreateDbContextAsync();
        await FindAsync(db, key.ConversationId, key.PatronToken);
    }

    public async Task EndByPatronAsync(ConversationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var db = await dbFactory.CreateDbContextAsync();
        var conversation = await FindAsync(db, key.ConversationId, key.PatronToken, tracked: true);
        if (conversation.Status is ConversationStatus.Closed or ConversationStatus.Missed)
        {
            return;
        }

        conversation.EndByPatron(time.GetStoredUtcNow());
        conversation.RecordMetrics(await serviceHours.MetricClockAsync());
        await db.SaveConversationStateAsync(writes);
        await patrons.ClosedAsync(new ConversationClosedNotice(conversation.Id, ConversationClosedNotice.EndedByPatron));
        await notifier.PublishAsync(new ConversationStatusChanged(conversation.Id));
    }

    public async Task RateAsync(RateConversationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        input.RequireValidRating(request.Rating, request.Comment);
        await using var db = await dbFactory.CreateDbContextAsync();
        var conversation = await FindAsync(db, request.ConversationId, request.PatronToken, tracked: true);
        if (conversation.Status is ConversationStatus.Waiting or ConversationStatus.Active)
        {
            throw PatronRequestException.Invalid("Patron_Error_RateOpenConversation");
        }

        conversation.Rate(request.Rating, request.Comment);
        await db.SaveConversationStateAsync(writes);
    }

    /// <summary>
    /// Refused at once when no mail would follow (see <see cref="TranscriptMailer"/>): another address than the
    /// start address, none given, an ended conversation no librarian wrote in, or an address that had its share today.
    /// </summary>
    public async Task RequestTranscriptAsync(TranscriptRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var email = input.ValidEmail(request.Email);
        await using var db = await dbFactory.CreateDbContextAsync();
        var conversation = await FindAsync(db, request.ConversationId, request.PatronToken, tracked: true);
        try
        {
            conversation.RequestTranscript(email);
        }
        catch (ConversationRuleException refused)
        {
            throw PatronRequestException.Invalid(refused.Code == ConversationRuleException.NoTranscriptAddress
                ? "Patron_Error_TranscriptNoAddress" : "Patron_Error_TranscriptAddress");
        }

        if (await transcripts.RefusalAsync(db, conversation) is { } refusal)
        {
            throw refusal;
        }

        await db.SaveConversationStateAsync(writes);
        await notifier.PublishAsync(new TranscriptRequested(conversation.Id));
    }

    public async Task PatronTypingAsync(TypingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await dbFactory.CreateDbContextAsync();
        var conversation = await FindAsync(db, request.ConversationId, request.PatronToken);
        await notifier.PublishAsync(new PatronTyping(conversation.Id, input.Draft(request.Draft)));
    }

    /// <summary>The conversation the token opens; a wrong token and an unknown conversation are refused alike.</summary>
    private static async Task<Conversation> FindAsync(DeskDbContext db, Guid conversationId, string? token, bool tracked = false)
    {
        var query = tracked ? db.Conversations : db.Conversations.AsNoTracking();
        var conversation = await query.SingleOrDefaultAsync(c => c.Id == conversationId);
        return conversation is not null && PatronToken.Matches(token, conversation.PatronTokenHash)
            ? conversation
            : throw PatronRequestException.NotYours();
    }
}

/// <summary>A started conversation's answer to the patron; <see cref="IsNew"/> is false for a retried start.</summary>
public sealed record StartedConversation(StartConversationResponse Response, bool IsNew);
