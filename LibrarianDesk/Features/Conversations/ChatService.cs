using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Features.Scheduling;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Shared.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Conversations;

/// <summary>
/// The conversation rules as the patron API and the librarians' desk use them. Every message is
/// committed before it is acknowledged or pushed; a resend with the same client message id returns
/// the first acknowledgement; sequence numbers have no gaps.
/// </summary>
public sealed class ChatService(
    IDbContextFactory<DeskDbContext> dbFactory,
    DeskStatusService deskStatus,
    ServiceHoursStore serviceHours,
    PatronPush patrons,
    DeskNotifier notifier,
    SqliteWriteGate writes,
    ChatMessageWriter messages,
    OfflineMessageAnnouncer announcer,
    TranscriptMailer transcripts,
    IOptionsMonitor<ChatOptions> options,
    TimeProvider time) : IDisposable
{
    private const int MaxWriteAttempts = 5;

    // Appends to one conversation queue up here instead of racing to the database; different
    // conversations rarely share a stripe. Across several servers the concurrency token still decides.
    private readonly SemaphoreSlim[] appendStripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    public int MaxMessageLength => Math.Min(options.CurrentValue.MaxMessageLength, ChatMessage.MaxTextLength);

    /// <summary>
    /// Starts a conversation, or answers a retry of a start (same <see cref="StartConversationRequest.StartKey"/>)
    /// with the conversation it started. The unique token index decides between two copies of one start
    /// arriving at once: the second insert fails and reads the first one's conversation.
    /// </summary>
    public async Task<StartedConversation> StartAsync(StartConversationRequest request, string language, string? patronIpAddress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = ValidName(request.Name);
        var email = ValidEmail(request.Email);
        var memberNumber = ValidMemberNumber(request.MemberNumber);
        var text = ValidText(request.Text);
        var clientMessageId = ValidClientMessageId(request.ClientMessageId);
        var startKey = ValidStartKey(request.StartKey);

        await using var db = await dbFactory.CreateDbContextAsync();
        if (startKey is not null && await StartedEarlierAsync(db, startKey, language) is { } retried)
        {
            return retried;
        }

        await RequireQuestionTypeAsync(db, request.QuestionTypeId);
        if (!(await deskStatus.GetAsync()).IsOpenForChats)
        {
            throw new PatronRequestException(PatronHubContract.ErrorCodes.Closed, "Patron_Error_Closed");
        }

        var token = startKey ?? PatronToken.Create();
        var now = time.GetStoredUtcNow();
        var conversation = Conversation.Start(
            Guid.CreateVersion7(now), name, email, memberNumber, request.QuestionTypeId,
            Truncate(request.PageUrl, 2048), now, PatronToken.Hash(token), Truncate(request.VisitorId, 64), language, patronIpAddress);
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
        return new StartedConversation(new StartConversationResponse(conversation.Id, token, ToPatronMessage(first, null, language)), IsNew: true);
    }

    /// <summary>
    /// The patron answered a greeting. A librarian's greeting makes the conversation theirs at once
    /// (Active, the greeting as its first message, never in the queue); an automatic one waits in the
    /// queue like any other, the greeting kept as an internal note after the patron's words.
    /// </summary>
    public async Task<StartConversationResponse> StartFromGreetingAsync(GreetingAnswer answer, string language, string? patronIpAddress = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var name = ValidName(answer.Name);
        var email = string.IsNullOrWhiteSpace(answer.Email) ? null : ValidEmail(answer.Email);
        var memberNumber = ValidMemberNumber(answer.MemberNumber);
        var text = ValidText(answer.Text);
        var clientMessageId = ValidClientMessageId(answer.ClientMessageId);
        if (answer.LibrarianId is null && !(await deskStatus.GetAsync()).IsOpenForChats)
        {
            throw new PatronRequestException(PatronHubContract.ErrorCodes.Closed, "Patron_Error_Closed");
        }

        var token = PatronToken.Create();
        var now = time.GetStoredUtcNow();
        var conversation = Conversation.Start(
            Guid.CreateVersion7(now), name, email, memberNumber, null,
            Truncate(answer.PageUrl, 2048), now, PatronToken.Hash(token), Truncate(answer.VisitorId, 64), language, patronIpAddress);
        ChatMessage first;
        string? librarianName = null;
        await using var db = await dbFactory.CreateDbContextAsync();
        if (answer.LibrarianId is { } librarianId)
        {
            librarianName = await db.Users.Where(u => u.Id == librarianId).Select(u => u.DisplayName).SingleAsync();
            conversation.Claim(librarianId, now);
            first = conversation.Append(MessageAuthor.Librarian, librarianId, answer.GreetingText, now);
            conversation.Append(MessageAuthor.Patron, null, text, now, clientMessageId);
            conversation.RecordMetrics(await MetricClockAsync());
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

        return new StartConversationResponse(conversation.Id, token, ToPatronMessage(first, librarianName, language));
    }

    /// <summary>The conversation a start key started, answered as it was the first time (the key is its token).</summary>
    private static async Task<StartedConversation?> StartedEarlierAsync(DeskDbContext db, string startKey, string language)
    {
        var tokenHash = PatronToken.Hash(startKey);
        var first = await db.ChatMessages.AsNoTracking()
            .Where(m => m.Sequence == 1 && db.Conversations.Any(c => c.Id == m.ConversationId && c.PatronTokenHash == tokenHash))
            .SingleOrDefaultAsync();
        return first is null ? null
            : new StartedConversation(new StartConversationResponse(first.ConversationId, startKey, ToPatronMessage(first, null, language)), IsNew: false);
    }

    /// <summary>The patron's message, committed; <see cref="WrittenMessage.IsResend"/> when it was stored before.</summary>
    public async Task<WrittenMessage> SendPatronMessageAsync(SendMessageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = ValidText(request.Text);
        var clientMessageId = ValidClientMessageId(request.ClientMessageId);
        var conversationId = request.ConversationId;
        var message = await InOrderAsync(conversationId, () => messages.AppendPatronMessageAsync(conversationId, request.PatronToken, text, clientMessageId));
        if (!message.IsResend)
        {
            await patrons.MessageAsync(new PatronMessage(
                conversationId, message.Sequence, PatronMessage.FromPatron, null, message.Text, message.SentAt, clientMessageId));
            await notifier.PublishAsync(new ConversationMessageAdded(conversationId, message.Line));
        }

        return message;
    }

    /// <summary>
    /// A librarian's message. The first reply to a waiting conversation takes it: one conditional update
    /// decides the owner, so of several librarians replying at once exactly one succeeds.
    /// </summary>
    public async Task<WrittenMessage> ReplyAsync(string librarianId, Guid conversationId, string text, string? clientMessageId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(librarianId);
        var valid = ChatMessage.ValidText(text);

        // Most replies go to the librarian's own active conversation, which the append's own read shows,
        // so a reply costs no separate ownership read. Only a waiting conversation is claimed first; the
        // claim runs outside the conversation's append order and its conditional update decides a race.
        // The price: colleagues racing for one conversation each wait in that order for the first read.
        while (true)
        {
            if (await InOrderAsync(conversationId, () => AppendReplyAsync(librarianId, conversationId, valid, clientMessageId)) is { } reply)
            {
                return reply;
            }

            await ClaimAsync(librarianId, conversationId);
        }
    }

    /// <summary>An internal note: librarians see it in the transcript, the patron never does.</summary>
    public async Task<WrittenMessage> AddNoteAsync(string librarianId, Guid conversationId, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(librarianId);
        return (await InOrderAsync(conversationId, () => AppendOnceCommittedAsync(conversationId, MessageAuthor.Note, librarianId, text, null)))!;
    }

    /// <summary>
    /// The librarian ends the conversation with its question type and READ scale, both required
    /// (<see cref="Classification"/>); the patron is told and may rate it.
    /// </summary>
    public async Task CloseByLibrarianAsync(string librarianId, Guid conversationId, int? questionTypeId, int? readScale, IEnumerable<string>? tags = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(librarianId);
        await using var db = await dbFactory.CreateDbContextAsync();
        var classification = await ConversationClassifier.ClassificationAsync(db, questionTypeId, readScale, tags);
        var conversation = await db.Conversations.SingleAsync(c => c.Id == conversationId);
        await RequireOwnerAsync(db, conversation, librarianId);
        conversation.Close(time.GetStoredUtcNow(), classification);
        conversation.RecordMetrics(await MetricClockAsync());
        await db.SaveConversationStateAsync(writes);
        await patrons.ClosedAsync(new ConversationClosedNotice(conversationId, ConversationClosedNotice.ClosedByLibrarian));
        await notifier.PublishAsync(new ConversationStatusChanged(conversationId));
    }

    /// <summary>Nobody took the conversation in time: it becomes Missed (only if still waiting) and the patron is offered the offline form.</summary>
    public async Task<bool> MarkMissedAsync(Guid conversationId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var now = time.GetStoredUtcNow();
        var missed = await db.Conversations
            .Where(c => c.Id == conversationId && c.Status == ConversationStatus.Waiting)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.Status, ConversationStatus.Missed).SetProperty(x => x.ClosedAt, now));
        if (missed == 0)
        {
            return false;
        }

        await patrons.ClosedAsync(new ConversationClosedNotice(conversationId, ConversationClosedNotice.Missed));
        await notifier.PublishAsync(new ConversationStatusChanged(conversationId));
        return true;
    }

    /// <summary>
    /// Hands the conversation to a colleague. The new owner, the transcript's desk line both sides see
    /// ("Anda sekarang dilayani oleh Budi" for the patron) and the note (internal) are one write; then the
    /// patron is told who serves them now and the new owner is rung. A handover sent twice (a double click,
    /// a retry after a lost answer) finds the conversation with that colleague already and writes nothing more.
    /// </summary>
    public async Task TransferAsync(string fromLibrarianId, Guid conversationId, string toLibrarianId, string? note)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fromLibrarianId);
        ArgumentException.ThrowIfNullOrWhiteSpace(toLibrarianId);
        if (await InOrderAsync(conversationId, () => HandOnAsync(fromLibrarianId, conversationId, toLibrarianId, note)) is not { } toName)
        {
            return;
        }

        await patrons.ClaimedAsync(new ConversationClaimedNotice(conversationId, toName));
        await notifier.PublishAsync(new ConversationTransferred(conversationId, fromLibrarianId, toLibrarianId));
        await notifier.PublishAsync(new ConversationStatusChanged(conversationId));
    }

    /// <summary>
    /// The handover's write and its lines' push, in the conversation's append order like any message; a
    /// message another server committed meanwhile meets it at the sequence token, and it is read and
    /// decided again. The new owner's name, or null when the conversation is theirs already.
    /// </summary>
    private async Task<string?> HandOnAsync(string fromLibrarianId, Guid conversationId, string toLibrarianId, string? note)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var librarians = db.ActiveLibrarians();
            var found = await db.Conversations.Where(c => c.Id == conversationId)
                .Select(c => new
                {
                    Conversation = c,
                    ToName = librarians.Where(u => u.Id == toLibrarianId).Select(u => u.DisplayName).FirstOrDefault(),
                    FromName = db.Users.Where(u => u.Id == fromLibrarianId).Select(u => u.DisplayName).FirstOrDefault(),
                })
                .SingleAsync();
            var toName = found.ToName ?? throw new NotALibrarianException(toLibrarianId);
            var conversation = found.Conversation;
            if (conversation.OwnerId == toLibrarianId)
            {
                return null;
            }

            await RequireOwnerAsync(db, conversation, fromLibrarianId);
            var now = time.GetStoredUtcNow();
            List<ChatMessage> lines = [conversation.Transfer(fromLibrarianId, toLibrarianId, toName, now)];
            if (!string.IsNullOrWhiteSpace(note))
            {
                lines.Add(conversation.Append(MessageAuthor.Note, fromLibrarianId, note, now));
            }

            if (!await CommittedAsync(db, attempt))
            {
                continue;
            }

            await patrons.MessageAsync(ToPatronMessage(lines[0], null, conversation.Language));
            foreach (var line in lines)
            {
                await notifier.PublishAsync(new ConversationMessageAdded(conversationId, new TranscriptLine(line, found.FromName)));
            }

            return toName;
        }
    }

    /// <summary>The patron's address was blocked: an open conversation ends, and the patron is told why.</summary>
    public async Task EndBlockedAsync(Guid conversationId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId);
        if (conversation is null || conversation.Status is ConversationStatus.Closed or ConversationStatus.Missed)
        {
            return;
        }

        if (conversation.Status == ConversationStatus.Waiting)
        {
            conversation.MarkMissed(time.GetStoredUtcNow());
        }
        else
        {
            conversation.Close(time.GetStoredUtcNow());
        }

        conversation.RecordMetrics(await MetricClockAsync());
        await db.SaveConversationStateAsync(writes);
        await patrons.ClosedAsync(new ConversationClosedNotice(conversationId, ConversationClosedNotice.Blocked));
        await notifier.PublishAsync(new ConversationStatusChanged(conversationId));
    }

    public Task LibrarianTypingAsync(Guid conversationId, bool isTyping) =>
        patrons.LibrarianTypingAsync(new LibrarianTypingNotice(conversationId, isTyping));

    /// <summary>Takes a waiting conversation. Throws <see cref="ConversationTakenException"/> when a colleague was first.</summary>
    public async Task ClaimAsync(string librarianId, Guid conversationId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        // Most replies go to a conversation already taken: a read settles them without asking for the write lock.
        var current = await CurrentOwnerAsync(db, conversationId);
        if (current.Status == ConversationStatus.Waiting)
        {
            var now = time.GetStoredUtcNow();

            // The wait is recorded in the same conditional update that claims: only the winner's counts.
            var wait = (await MetricClockAsync()).Between(current.StartedAt, now);
            int claimed;
            using (await writes.EnterAsync())
            {
                claimed = await db.Conversations
                    .Where(c => c.Id == conversationId && c.Status == ConversationStatus.Waiting)
                    .ExecuteUpdateAsync(c => c
                        .SetProperty(x => x.Status, ConversationStatus.Active)
                        .SetProperty(x => x.OwnerId, librarianId)
                        .SetProperty(x => x.ClaimedAt, now)
                        .SetProperty(x => x.WaitSeconds, wait.WallClockSeconds)
                        .SetProperty(x => x.WaitServiceSeconds, wait.ServiceSeconds));
            }

            if (claimed == 1)
            {
                var librarianName = await db.Users.Where(u => u.Id == librarianId).Select(u => u.DisplayName).SingleAsync();
                await patrons.ClaimedAsync(new ConversationClaimedNotice(conversationId, librarianName));
                await notifier.PublishAsync(new ConversationStatusChanged(conversationId));
                return;
            }

            current = await CurrentOwnerAsync(db, conversationId);
        }

        if (current.Status == ConversationStatus.Active && current.OwnerId == librarianId)
        {
            return;
        }

        var owner = current.OwnerId is null ? null
            : await db.Users.Where(u => u.Id == current.OwnerId).Select(u => u.DisplayName).SingleOrDefaultAsync();
        throw new ConversationTakenException(conversationId, current.Status, owner);
    }

    private static async Task<(ConversationStatus Status, string? OwnerId, DateTimeOffset StartedAt)> CurrentOwnerAsync(DeskDbContext db, Guid conversationId)
    {
        var current = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c.Status, c.OwnerId, c.StartedAt }).SingleOrDefaultAsync()
            ?? throw new InvalidOperationException($"No conversation {conversationId}.");
        return (current.Status, current.OwnerId, current.StartedAt);
    }

    public async Task<ResumeResponse> ResumeAsync(ResumeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await dbFactory.CreateDbContextAsync();
        var conversation = await FindForPatronAsync(db, request.ConversationId, request.PatronToken);
        var messages = await db.ChatMessages.AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id && m.Sequence > request.AfterSequence)
            .Where(TranscriptAudiences.SeenByPatron)
            .OrderBy(m => m.Sequence)
            .ToListAsync();
        var names = await ConversationQueries.LibrarianNamesAsync(db, messages.Select(m => m.AuthorId).Append(conversation.OwnerId));
        return new ResumeResponse(
            StatusName(conversation.Status),
            conversation.OwnerId is null ? null : names.GetValueOrDefault(conversation.OwnerId),
            messages.Select(m => ToPatronMessage(m, m.AuthorId is null ? null : names.GetValueOrDefault(m.AuthorId), conversation.Language)).ToList());
    }

    /// <summary>Proves the caller holds the conversation's token (for joining its updates).</summary>
    public async Task VerifyPatronAsync(ConversationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var db = await dbFactory.CreateDbContextAsync();
        await FindForPatronAsync(db, key.ConversationId, key.PatronToken);
    }

    public async Task EndByPatronAsync(ConversationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var db = await dbFactory.CreateDbContextAsync();
        var conversation = await FindForPatronAsync(db, key.ConversationId, key.PatronToken, tracked: true);
        if (conversation.Status is ConversationStatus.Closed or ConversationStatus.Missed)
        {
            return;
        }

        conversation.EndByPatron(time.GetStoredUtcNow());
        conversation.RecordMetrics(await MetricClockAsync());
        await db.SaveConversationStateAsync(writes);
        await patrons.ClosedAsync(new ConversationClosedNotice(conversation.Id, ConversationClosedNotice.EndedByPatron));
        await notifier.PublishAsync(new ConversationStatusChanged(conversation.Id));
    }

    public async Task RateAsync(RateConversationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Rating is < 1 or > 5)
        {
            throw PatronRequestException.Invalid("Patron_Error_Rating");
        }

        if (request.Comment is { Length: > Conversation.MaxRatingCommentLength })
        {
            throw PatronRequestException.Invalid("Patron_Error_CommentTooLong", Conversation.MaxRatingCommentLength);
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var conversation = await FindForPatronAsync(db, request.ConversationId, request.PatronToken, tracked: true);
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
        var email = ValidEmail(request.Email);
        await using var db = await dbFactory.CreateDbContextAsync();
        var conversation = await FindForPatronAsync(db, request.ConversationId, request.PatronToken, tracked: true);
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

    public async Task<OfflineMessageAcknowledgement> LeaveOfflineMessageAsync(OfflineMessageRequest request, string language)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = new OfflineMessage
        {
            Id = Guid.CreateVersion7(time.GetStoredUtcNow()),
            Name = ValidName(request.Name),
            Email = ValidEmail(request.Email),
            MemberNumber = ValidMemberNumber(request.MemberNumber),
            QuestionTypeId = request.QuestionTypeId,
            Text = ValidText(request.Text, OfflineMessage.MaxTextLength),
            ReceivedAt = time.GetStoredUtcNow(),
            Language = language,
            VisitorId = Truncate(request.VisitorId, 64),
        };
        await using var db = await dbFactory.CreateDbContextAsync();
        await RequireQuestionTypeAsync(db, request.QuestionTypeId);
        db.OfflineMessages.Add(message);
        await announcer.QueueAsync(db, message);
        await db.SaveChangesAsync();
        await notifier.PublishAsync(new OfflineMessageReceived(message.Id));
        return new OfflineMessageAcknowledgement(message.Id, message.ReceivedAt);
    }

    public async Task PatronTypingAsync(TypingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await dbFactory.CreateDbContextAsync();
        var conversation = await FindForPatronAsync(db, request.ConversationId, request.PatronToken);
        var draft = request.Draft ?? "";
        await notifier.PublishAsync(new PatronTyping(conversation.Id, draft.Length > MaxMessageLength ? draft[..MaxMessageLength] : draft));
    }

    /// <summary>
    /// The usual reply through the writer's prepared statements; any other (see <see cref="ChatMessageWriter"/>)
    /// through the domain model. Null when the conversation is waiting to be claimed.
    /// </summary>
    private async Task<WrittenMessage?> AppendReplyAsync(string librarianId, Guid conversationId, string text, string? clientMessageId)
    {
        if (await messages.AppendUsualReplyAsync(conversationId, librarianId, text, clientMessageId) is { } written)
        {
            if (!written.IsResend)
            {
                await patrons.MessageAsync(new PatronMessage(
                    conversationId, written.Sequence, PatronMessage.FromLibrarian, written.AuthorName, written.Text, written.SentAt, clientMessageId));
                await notifier.PublishAsync(new ConversationMessageAdded(conversationId, written.Line));
            }

            return written;
        }

        return await AppendOnceCommittedAsync(conversationId, MessageAuthor.Librarian, librarianId, text, clientMessageId);
    }

    /// <summary>
    /// One append at a time per conversation, from its commit to its push: the patron and the desk see a
    /// conversation's messages in sequence order.
    /// </summary>
    private async Task<T> InOrderAsync<T>(Guid conversationId, Func<Task<T>> append)
    {
        var stripe = appendStripes[(conversationId.GetHashCode() & int.MaxValue) % appendStripes.Length];
        await stripe.WaitAsync();
        try
        {
            return await append();
        }
        finally
        {
            stripe.Release();
        }
    }

    /// <summary>
    /// A librarian's message or note through the domain model, with the next sequence number: committed,
    /// then pushed and published. A message committed by another server meets it at the
    /// <see cref="Conversation.LastSequence"/> concurrency token; the loser reloads and tries again. A
    /// librarian's message goes only to a conversation they serve; null, with nothing stored, when it is
    /// still waiting and must be claimed first.
    /// </summary>
    private async Task<WrittenMessage?> AppendOnceCommittedAsync(
        Guid conversationId, MessageAuthor author, string librarianId, string text, string? clientMessageId)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var found = await db.Conversations.Where(c => c.Id == conversationId)
                .Select(c => new
                {
                    Conversation = c,
                    OwnerName = db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                    AuthorName = db.Users.Where(u => u.Id == librarianId).Select(u => u.DisplayName).FirstOrDefault(),
                })
                .SingleAsync();
            var conversation = found.Conversation;
            if (author == MessageAuthor.Librarian)
            {
                if (conversation.Status == ConversationStatus.Waiting)
                {
                    return null;
                }

                if (conversation.Status != ConversationStatus.Active || conversation.OwnerId != librarianId)
                {
                    throw new ConversationTakenException(conversationId, conversation.Status, found.OwnerName);
                }
            }

            if (clientMessageId is not null
                && await db.ChatMessages.AsNoTracking().SingleOrDefaultAsync(m => m.ConversationId == conversationId && m.ClientMessageId == clientMessageId)
                    is { } earlier)
            {
                return new WrittenMessage(earlier, IsResend: true, found.AuthorName);
            }

            if (conversation.Status is ConversationStatus.Closed or ConversationStatus.Missed)
            {
                throw new PatronRequestException(PatronHubContract.ErrorCodes.Closed, "Patron_Error_ConversationEnded");
            }

            var message = conversation.Append(author, librarianId, text, time.GetStoredUtcNow(), clientMessageId);
            if (author == MessageAuthor.Librarian)
            {
                conversation.RecordMetrics(await MetricClockAsync());
            }

            if (!await CommittedAsync(db, attempt))
            {
                continue;
            }

            if (TranscriptAudience.Patron.Sees(message))
            {
                // A librarian's reply, whose author is the owner: it was refused above otherwise.
                await patrons.MessageAsync(ToPatronMessage(message, found.OwnerName, conversation.Language));
            }

            var written = new WrittenMessage(message, IsResend: false, found.AuthorName);
            await notifier.PublishAsync(new ConversationMessageAdded(conversationId, written.Line));
            return written;
        }
    }

    /// <summary>
    /// An append's commit; false when another writer took its sequence number, or the same message id arrived
    /// twice, and the append must read the conversation and decide again (until the last attempt, which throws).
    /// </summary>
    private async Task<bool> CommittedAsync(DeskDbContext db, int attempt)
    {
        try
        {
            using (await writes.EnterAsync())
            {
                await db.SaveChangesAsync();
            }

            return true;
        }
        catch (DbUpdateException) when (attempt < MaxWriteAttempts)
        {
            return false;
        }
    }

    private async Task<MetricClock> MetricClockAsync() => new((await serviceHours.GetAsync()).Hours);

    public void Dispose()
    {
        foreach (var stripe in appendStripes)
        {
            stripe.Dispose();
        }
    }

    private static async Task<Conversation> FindForPatronAsync(DeskDbContext db, Guid conversationId, string? token, bool tracked = false)
    {
        var query = tracked ? db.Conversations : db.Conversations.AsNoTracking();
        var conversation = await query.SingleOrDefaultAsync(c => c.Id == conversationId);
        return conversation is not null && PatronToken.Matches(token, conversation.PatronTokenHash)
            ? conversation
            : throw PatronRequestException.NotYours();
    }

    /// <summary>Only the librarian serving a conversation closes or hands it on.</summary>
    private static async Task RequireOwnerAsync(DeskDbContext db, Conversation conversation, string librarianId)
    {
        if (conversation.OwnerId != librarianId)
        {
            var owner = conversation.OwnerId is null ? null
                : await db.Users.Where(u => u.Id == conversation.OwnerId).Select(u => u.DisplayName).SingleOrDefaultAsync();
            throw new ConversationTakenException(conversation.Id, conversation.Status, owner);
        }
    }

    private static async Task RequireQuestionTypeAsync(DeskDbContext db, int questionTypeId)
    {
        if (!await db.QuestionTypes.AnyAsync(q => q.Id == questionTypeId && q.IsActive))
        {
            throw PatronRequestException.Invalid("Patron_Error_QuestionType");
        }
    }

    /// <summary>
    /// A message as the patron reads it: a desk line in the patron's <paramref name="language"/> and without an
    /// author's name (the desk wrote it), any other with <paramref name="authorName"/>, the librarian who wrote it.
    /// </summary>
    public static PatronMessage ToPatronMessage(ChatMessage message, string? authorName, string language)
    {
        ArgumentNullException.ThrowIfNull(message);
        var author = message.Author switch
        {
            MessageAuthor.Patron => PatronMessage.FromPatron,
            MessageAuthor.Librarian => PatronMessage.FromLibrarian,
            _ => PatronMessage.FromSystem,
        };
        var name = message.Author == MessageAuthor.System ? null : authorName;
        var text = TranscriptAudience.Patron.Words(message, MailTexts.CultureFor(language));
        return new PatronMessage(message.ConversationId, message.Sequence, author, name, text, message.SentAt, message.ClientMessageId);
    }

    private static string StatusName(ConversationStatus status) => status.ToString().ToLowerInvariant();

    private static string ValidName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw PatronRequestException.Invalid("Patron_Error_NameRequired");
        }

        return trimmed.Length <= Conversation.MaxPatronNameLength
            ? trimmed
            : throw PatronRequestException.Invalid("Patron_Error_NameTooLong", Conversation.MaxPatronNameLength);
    }

    private static string ValidEmail(string? email) =>
        EmailAddresses.IsValid(email) ? email!.Trim() : throw PatronRequestException.Invalid("Patron_Error_Email");

    private static string? ValidMemberNumber(string? memberNumber)
    {
        var trimmed = memberNumber?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length <= Conversation.MaxMemberNumberLength
            ? trimmed
            : throw PatronRequestException.Invalid("Patron_Error_MemberNumber", Conversation.MaxMemberNumberLength);
    }

    private string ValidText(string? text, int? maxLength = null)
    {
        var limit = maxLength ?? MaxMessageLength;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw PatronRequestException.Invalid("Patron_Error_MessageEmpty");
        }

        return trimmed.Length <= limit ? trimmed : throw PatronRequestException.Invalid("Patron_Error_MessageTooLong", limit);
    }

    private static string ValidClientMessageId(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= ChatMessage.MaxClientMessageIdLength
            ? id
            : throw PatronRequestException.Invalid("Patron_Error_ClientMessageId");

    private static string? ValidStartKey(string? startKey)
    {
        if (string.IsNullOrEmpty(startKey))
        {
            return null;
        }

        return startKey.Length is >= StartConversationRequest.MinStartKeyLength and <= StartConversationRequest.MaxStartKeyLength
            && startKey.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
                ? startKey
                : throw PatronRequestException.Invalid("Patron_Error_StartKey");
    }

    private static string? Truncate(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];
}

/// <summary>A started conversation's answer to the patron; <see cref="IsNew"/> is false for a retried start.</summary>
public sealed record StartedConversation(StartConversationResponse Response, bool IsNew);
