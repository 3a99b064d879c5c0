using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Queue;

/// <summary>
/// What the missed list shows about following a missed conversation up: where a reply would go (null: the
/// patron left no address) and, once answered, when and by whom.
/// </summary>
public sealed record MissedFollowUpState(Guid ConversationId, string? PatronEmail, DateTimeOffset? FollowedUpAt, string? FollowedUpByName);

/// <summary>
/// A librarian answers a missed chat by email, as an offline message is answered: the reply, the patron's
/// question quoted, through the outbox with the offline reply's template, only to the address the patron
/// started with. The conversation is marked followed up (who, when; audited) in the same commit as the mail,
/// once: a second follow-up is refused and sends nothing.
/// </summary>
public sealed class MissedFollowUp(
    IDbContextFactory<DeskDbContext> dbFactory,
    StaffCaller callers,
    OutboxSender sender,
    PatronReplyMail replyMail,
    AuditTrail audit,
    SqliteWriteGate writes,
    DeskNotifier notifier,
    TimeProvider time)
{
    /// <summary>The conversation is not there (a stale list).</summary>
    public const string NotFound = "not_found";

    public static int MaxReplyLength => OfflineMessageService.MaxReplyLength;

    /// <summary>
    /// Sends the reply and marks the conversation followed up. Returns the problems instead, with nothing
    /// stored or sent: the reply's (<see cref="OfflineMessageService.ValidateReply"/>), <see cref="NotFound"/>, or
    /// the conversation's rule (<see cref="ConversationRuleException.NotMissed"/>,
    /// <see cref="ConversationRuleException.NoFollowUpAddress"/>, <see cref="ConversationRuleException.AlreadyFollowedUp"/>).
    /// </summary>
    public async Task<IReadOnlyList<string>> SendAsync(AuditActor librarian, Guid conversationId, string? text)
    {
        ArgumentNullException.ThrowIfNull(librarian);
        ArgumentException.ThrowIfNullOrWhiteSpace(librarian.Id);
        await callers.RequireAsync(librarian, DeskRoles.Librarian);
        var problems = OfflineMessageService.ValidateReply(text);
        if (problems.Count > 0)
        {
            return problems;
        }

        var reply = text!.Trim();
        await using (var db = await dbFactory.CreateDbContextAsync())
        using (await writes.EnterAsync())
        {
            // Read, mark and queue in one write transaction: of two follow-ups at once, here or on another
            // server, the second reads the first's mark and is refused.
            await using var transaction = await db.Database.BeginWriteTransactionAsync();
            var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId);
            if (conversation is null)
            {
                return [NotFound];
            }

            try
            {
                conversation.RecordFollowUp(librarian.Id, time.GetStoredUtcNow());
            }
            catch (ConversationRuleException refused)
            {
                return [refused.Code];
            }

            var asked = await db.ChatMessages.AsNoTracking()
                .Where(m => m.ConversationId == conversationId && m.Author == MessageAuthor.Patron)
                .OrderBy(m => m.Sequence).Select(m => m.Text).ToListAsync();
            var question = new PatronQuestion(conversation.PatronName, conversation.Language, string.Join("\n\n", asked), conversation.StartedAt);
            if (!await replyMail.TryQueueAsync(db, conversation.PatronEmail!, question, reply, librarian.Name, OutboxMailKinds.MissedFollowUp, conversationId))
            {
                return [OfflineErrors.InvalidAddress];
            }

            audit.Record(db, librarian, ConversationAuditActions.FollowedUp, conversationId.ToString());
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        sender.Wake();
        await notifier.PublishAsync(new MissedConversationFollowedUp(conversationId));
        return [];
    }

    /// <summary>The follow-up state of each of the given (missed) conversations.</summary>
    public async Task<IReadOnlyDictionary<Guid, MissedFollowUpState>> StatesAsync(IReadOnlyCollection<Guid> conversationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationIds);
        if (conversationIds.Count == 0)
        {
            return new Dictionary<Guid, MissedFollowUpState>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Conversations.AsNoTracking()
            .Where(c => conversationIds.Contains(c.Id))
            .Select(c => new MissedFollowUpState(
                c.Id, c.PatronEmail, c.FollowedUpAt, db.Users.Where(u => u.Id == c.FollowedUpById).Select(u => u.DisplayName).FirstOrDefault()))
            .ToDictionaryAsync(s => s.ConversationId, cancellationToken);
    }
}
