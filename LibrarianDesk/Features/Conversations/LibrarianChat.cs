using LibrarianDesk.Data;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Features.Scheduling;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Conversations;

/// <summary>
/// The conversation as a librarian acts in it: claiming, replying, notes, closing, handing it on, typing.
/// Every message is committed before it is pushed; sequence numbers have no gaps.
/// </summary>
public sealed class LibrarianChat(
    IDbContextFactory<DeskDbContext> dbFactory,
    ServiceHoursStore serviceHours,
    PatronPush patrons,
    DeskNotifier notifier,
    SqliteWriteGate writes,
    ChatMessageWriter messages,
    ConversationOrder order,
    PatronInput input,
    TimeProvider time)
{
    /// <summary>The longest message, the same for librarians as for patrons.</summary>
    public int MaxMessageLength => input.MaxMessageLength;

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
            if (await order.InOrderAsync(conversationId, () => AppendReplyAsync(librarianId, conversationId, valid, clientMessageId)) is { } reply)
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
        return (await order.InOrderAsync(conversationId, () => AppendOnceCommittedAsync(conversationId, MessageAuthor.Note, librarianId, text, null)))!;
    }

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
            var metrics = Conversation.MetricsAfterClaim(current.StartedAt, now, await serviceHours.MetricClockAsync());
            int claimed;
            using (await writes.EnterAsync())
            {
                claimed = await db.Conversations.ClaimAsync(conversationId, librarianId, now, metrics);
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

        throw await db.TakenAsync(conversationId, current.Status, current.OwnerId);
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
        await db.RequireOwnerAsync(conversation, librarianId);
        conversation.Close(time.GetStoredUtcNow(), classification);
        conversation.RecordMetrics(await serviceHours.MetricClockAsync());
        await db.SaveConversationStateAsync(writes);
        await patrons.ClosedAsync(new ConversationClosedNotice(conversationId, ConversationClosedNotice.ClosedByLibrarian));
        await notifier.PublishAsync(new ConversationStatusChanged(conversationId));
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
        if (await order.InOrderAsync(conversationId, () => HandOnAsync(fromLibrarianId, conversationId, toLibrarianId, note)) is not { } toName)
        {
            return;
        }

        await patrons.ClaimedAsync(new ConversationClaimedNotice(conversationId, toName));
        await notifier.PublishAsync(new ConversationTransferred(conversationId, fromLibrarianId, toLibrarianId));
        await notifier.PublishAsync(new ConversationStatusChanged(conversationId));
    }


    public Task LibrarianTypingAsync(Guid conversationId, bool isTyping) =>
        patrons.LibrarianTypingAsync(new LibrarianTypingNotice(conversationId, isTyping));

    private static async Task<(ConversationStatus Status, string? OwnerId, DateTimeOffset StartedAt)> CurrentOwnerAsync(DeskDbContext db, Guid conversationId)
    {
        var current = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c.Status, c.OwnerId, c.StartedAt }).SingleOrDefaultAsync()
            ?? throw new InvalidOperationException($"No conversation {conversationId}.");
        return (current.Status, current.OwnerId, current.StartedAt);
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
                // Both leave now, in order; with several servers each is a Redis round trip, waited for together.
                await Task.WhenAll(
                    patrons.MessageAsync(new PatronMessage(
                        conversationId, written.Sequence, PatronMessage.FromLibrarian, written.AuthorName, written.Text, written.SentAt, clientMessageId)),
                    notifier.PublishAsync(new ConversationMessageAdded(conversationId, written.Line)));
            }

            return written;
        }

        return await AppendOnceCommittedAsync(conversationId, MessageAuthor.Librarian, librarianId, text, clientMessageId);
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
                conversation.RecordMetrics(await serviceHours.MetricClockAsync());
            }

            if (!await db.CommittedAsync(writes, attempt))
            {
                continue;
            }

            // A librarian's reply, whose author is the owner (it was refused above otherwise), goes to the patron too.
            var written = new WrittenMessage(message, IsResend: false, found.AuthorName);
            await Task.WhenAll(
                TranscriptAudience.Patron.Sees(message) ? patrons.MessageAsync(PatronMessages.Of(message, found.OwnerName, conversation.Language)) : Task.CompletedTask,
                notifier.PublishAsync(new ConversationMessageAdded(conversationId, written.Line)));
            return written;
        }
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

            await db.RequireOwnerAsync(conversation, fromLibrarianId);
            var now = time.GetStoredUtcNow();
            List<ChatMessage> lines = [conversation.Transfer(fromLibrarianId, toLibrarianId, toName, now)];
            if (!string.IsNullOrWhiteSpace(note))
            {
                lines.Add(conversation.Append(MessageAuthor.Note, fromLibrarianId, note, now));
            }

            if (!await db.CommittedAsync(writes, attempt))
            {
                continue;
            }

            await patrons.MessageAsync(PatronMessages.Of(lines[0], null, conversation.Language));
            foreach (var line in lines)
            {
                await notifier.PublishAsync(new ConversationMessageAdded(conversationId, new TranscriptLine(line, found.FromName)));
            }

            return toName;
        }
    }
}
