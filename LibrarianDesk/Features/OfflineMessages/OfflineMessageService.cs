using LibrarianDesk.Data;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.OfflineMessages;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.OfflineMessages;

/// <summary>One row of the offline inbox, with its age against the reply target.</summary>
public sealed record OfflineInboxItem(
    Guid Id, string Name, string Email, string? MemberNumber, string? QuestionTypeId, string? QuestionTypeEn,
    string Text, DateTimeOffset ReceivedAt, OfflineMessageStatus Status, int ReplyCount,
    string? AssignedLibrarianId, string? AssignedLibrarianName, ReplyTargetState Target)
{
    public string? QuestionTypeFor(string languageCode) =>
        languageCode.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? QuestionTypeEn : QuestionTypeId;
}

/// <summary>An offline message with every reply sent, oldest first.</summary>
public sealed record OfflineThread(
    OfflineMessage Message, string? QuestionTypeId, string? QuestionTypeEn, IReadOnlyList<OfflineMessageReply> Replies,
    string? AssignedLibrarianName, ReplyTargetState Target);

/// <summary>Whose messages the inbox shows.</summary>
public enum OfflineAssigneeFilter
{
    Anyone,
    Mine,
    Unassigned,
}

/// <summary>A librarian a message can be assigned to.</summary>
public sealed record OfflineAssignee(string Id, string DisplayName);

/// <summary>Why a reply or a closing was refused (resource key suffixes, <c>Offline_Error_*</c>).</summary>
public static class OfflineErrors
{
    public const string ReplyRequired = "ReplyRequired";
    public const string ReplyTooLong = "ReplyTooLong";
    public const string AlreadyClosed = "AlreadyClosed";
    public const string NotNew = "NotNew";
    public const string NotFound = "NotFound";
    public const string InvalidAddress = "InvalidAddress";
    public const string AssignedToAnother = "AssignedToAnother";
    public const string NotALibrarian = "NotALibrarian";
}

/// <summary>
/// The offline inbox: list and search, age against the reply target, assignment, answer (stored and
/// emailed in one commit) and close without a reply.
/// </summary>
public sealed class OfflineMessageService(
    IDbContextFactory<DeskDbContext> dbFactory,
    OutboxSender sender,
    PatronReplyMail replyMail,
    ReplyTargetClock replyTarget,
    AuditTrail audit,
    DeskNotifier notifier,
    TimeProvider time)
{
    public const int MaxReplyLength = OfflineMessageReply.MaxTextLength;

    public async Task<IReadOnlyList<OfflineInboxItem>> ListAsync(
        OfflineMessageStatus? status = null, string? search = null,
        OfflineAssigneeFilter assignee = OfflineAssigneeFilter.Anyone, string? librarianId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.OfflineMessages.AsNoTracking();
        if (status is { } wanted)
        {
            query = query.Where(m => m.Status == wanted);
        }

        query = assignee switch
        {
            OfflineAssigneeFilter.Mine => query.Where(m => m.AssignedLibrarianId == librarianId),
            OfflineAssigneeFilter.Unassigned => query.Where(m => m.AssignedLibrarianId == null),
            _ => query,
        };

        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePattern.Containing(search.Trim());
            query = query.Where(m => DeskText.Matches(m.Name, pattern)
                || DeskText.Matches(m.Email, pattern)
                || DeskText.Matches(m.Text, pattern)
                || (m.MemberNumber != null && DeskText.Matches(m.MemberNumber, pattern)));
        }

        var rows = await (
            from m in query
            join q in db.QuestionTypes on m.QuestionTypeId equals q.Id into types
            from q in types.DefaultIfEmpty()
            join u in db.Users on m.AssignedLibrarianId equals u.Id into users
            from u in users.DefaultIfEmpty()
            orderby m.ReceivedAt descending
            select new
            {
                Message = m,
                TypeId = q == null ? null : q.NameId,
                TypeEn = q == null ? null : q.NameEn,
                Replies = db.OfflineMessageReplies.Count(r => r.OfflineMessageId == m.Id),
                Assignee = u == null ? null : u.DisplayName,
            })
            .Take(500)
            .ToListAsync(cancellationToken);
        var target = await replyTarget.CurrentAsync(cancellationToken);
        return rows.Select(r => new OfflineInboxItem(
            r.Message.Id, r.Message.Name, r.Message.Email, r.Message.MemberNumber, r.TypeId, r.TypeEn, r.Message.Text, r.Message.ReceivedAt,
            r.Message.Status, r.Replies, r.Message.AssignedLibrarianId, r.Assignee, target.Evaluate(r.Message))).ToList();
    }

    /// <summary>Active accounts holding the Librarian role, by name: whom a Supervisor can assign a message to.</summary>
    public async Task<IReadOnlyList<OfflineAssignee>> ListAssigneesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ActiveLibrarians()
            .OrderBy(u => u.DisplayName)
            .Select(u => new OfflineAssignee(u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Assigns a message to a librarian, or unassigns it (<paramref name="librarianId"/> null). Any
    /// librarian may take an unassigned message or give back their own; only a Supervisor assigns
    /// others or takes a message from a colleague.
    /// </summary>
    public async Task<IReadOnlyList<string>> AssignAsync(AuditActor actor, bool actorIsSupervisor, Guid messageId, string? librarianId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor.Id);
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var message = await db.OfflineMessages.SingleOrDefaultAsync(m => m.Id == messageId);
            if (message is null)
            {
                return [OfflineErrors.NotFound];
            }

            var current = message.AssignedLibrarianId;
            if (current == librarianId)
            {
                return [];
            }

            if (!actorIsSupervisor && (librarianId is not null && librarianId != actor.Id || current is not null && current != actor.Id))
            {
                return [OfflineErrors.AssignedToAnother];
            }

            string? assigneeName = null;
            if (librarianId is not null)
            {
                assigneeName = (await ListAssigneesAsync()).FirstOrDefault(a => a.Id == librarianId)?.DisplayName;
                if (assigneeName is null)
                {
                    return [OfflineErrors.NotALibrarian];
                }
            }

            message.AssignedLibrarianId = librarianId;
            audit.Record(db, actor, OfflineAuditActions.Assigned, message.Id.ToString(), assigneeName is null ? "unassigned" : $"to: {assigneeName}");
            await db.SaveChangesAsync();
        }

        await notifier.PublishAsync(new OfflineMessageChanged(messageId));
        return [];
    }

    public async Task<int> CountNewAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.OfflineMessages.CountAsync(m => m.Status == OfflineMessageStatus.New, cancellationToken);
    }

    public async Task<OfflineThread?> GetThreadAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var message = await db.OfflineMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
        {
            return null;
        }

        var type = message.QuestionTypeId is null ? null
            : await db.QuestionTypes.AsNoTracking().SingleOrDefaultAsync(q => q.Id == message.QuestionTypeId, cancellationToken);
        var replies = await db.OfflineMessageReplies.AsNoTracking()
            .Where(r => r.OfflineMessageId == id).OrderBy(r => r.SentAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var assignee = message.AssignedLibrarianId is null ? null
            : await db.Users.Where(u => u.Id == message.AssignedLibrarianId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken);
        var target = await replyTarget.CurrentAsync(cancellationToken);
        return new OfflineThread(message, type?.NameId, type?.NameEn, replies, assignee, target.Evaluate(message));
    }

    /// <summary>Checks a reply's text: problems (<see cref="OfflineErrors"/>) or none.</summary>
    public static IReadOnlyList<string> ValidateReply(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [OfflineErrors.ReplyRequired]
        : text.Trim().Length > MaxReplyLength ? [OfflineErrors.ReplyTooLong]
        : [];

    /// <summary>
    /// Stores the reply and queues its mail to the patron in one commit. Returns the problems instead
    /// when the text is empty or too long, the message is closed, or the patron's address is unusable.
    /// </summary>
    public async Task<IReadOnlyList<string>> ReplyAsync(AuditActor librarian, Guid messageId, string? text)
    {
        ArgumentNullException.ThrowIfNull(librarian);
        ArgumentException.ThrowIfNullOrWhiteSpace(librarian.Id);
        var problems = ValidateReply(text);
        if (problems.Count > 0)
        {
            return problems;
        }

        var reply = text!.Trim();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var message = await db.OfflineMessages.SingleOrDefaultAsync(m => m.Id == messageId);
            if (message is null)
            {
                return [OfflineErrors.NotFound];
            }

            if (message.Status == OfflineMessageStatus.Closed)
            {
                return [OfflineErrors.AlreadyClosed];
            }

            var now = time.GetStoredUtcNow();
            message.RecordReply(librarian.Id, now);
            db.OfflineMessageReplies.Add(new OfflineMessageReply
            {
                Id = Guid.CreateVersion7(now),
                OfflineMessageId = message.Id,
                LibrarianId = librarian.Id,
                LibrarianName = librarian.Name,
                Text = reply,
                SentAt = now,
            });
            if (!await replyMail.TryQueueAsync(db, message.Email, PatronQuestion.Of(message), reply, librarian.Name, OutboxMailKinds.OfflineReply, message.Id))
            {
                return [OfflineErrors.InvalidAddress];
            }

            audit.Record(db, librarian, OfflineAuditActions.Replied, message.Id.ToString());
            await db.SaveChangesAsync();
        }

        sender.Wake();
        await notifier.PublishAsync(new OfflineMessageChanged(messageId));
        return [];
    }

    /// <summary>Closes a new message without a reply (spam, a duplicate, another reason).</summary>
    public async Task<IReadOnlyList<string>> CloseAsync(AuditActor librarian, Guid messageId, OfflineMessageCloseReason reason)
    {
        ArgumentNullException.ThrowIfNull(librarian);
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var message = await db.OfflineMessages.SingleOrDefaultAsync(m => m.Id == messageId);
            if (message is null)
            {
                return [OfflineErrors.NotFound];
            }

            if (message.Status != OfflineMessageStatus.New)
            {
                return [OfflineErrors.NotNew];
            }

            message.CloseWithoutReply(reason, time.GetStoredUtcNow());
            audit.Record(db, librarian, OfflineAuditActions.Closed, message.Id.ToString(), reason.ToString());
            await db.SaveChangesAsync();
        }

        await notifier.PublishAsync(new OfflineMessageChanged(messageId));
        return [];
    }
}
