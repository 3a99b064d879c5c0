using LibrarianDesk.Data;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.OfflineMessages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.OfflineMessages;

/// <summary>One row of the offline inbox.</summary>
public sealed record OfflineInboxItem(
    Guid Id, string Name, string Email, string? MemberNumber, string? QuestionTypeId, string? QuestionTypeEn,
    string Text, DateTimeOffset ReceivedAt, OfflineMessageStatus Status, int ReplyCount)
{
    public string? QuestionTypeFor(string languageCode) =>
        languageCode.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? QuestionTypeEn : QuestionTypeId;
}

/// <summary>An offline message with every reply sent, oldest first.</summary>
public sealed record OfflineThread(OfflineMessage Message, string? QuestionTypeId, string? QuestionTypeEn, IReadOnlyList<OfflineMessageReply> Replies);

/// <summary>Why a reply or a closing was refused (resource key suffixes, <c>Offline_Error_*</c>).</summary>
public static class OfflineErrors
{
    public const string ReplyRequired = "ReplyRequired";
    public const string ReplyTooLong = "ReplyTooLong";
    public const string AlreadyClosed = "AlreadyClosed";
    public const string NotNew = "NotNew";
    public const string NotFound = "NotFound";
    public const string InvalidAddress = "InvalidAddress";
}

/// <summary>
/// The offline inbox: list and search, answer (stored and emailed in one commit), close without a reply,
/// and the announcement of new messages to the library's mailbox.
/// </summary>
public sealed class OfflineMessageService(
    IDbContextFactory<DeskDbContext> dbFactory,
    Outbox outbox,
    OutboxSender sender,
    AuditTrail audit,
    DeskNotifier notifier,
    IOptionsMonitor<MailOptions> mailOptions,
    TimeProvider time)
{
    public const int MaxReplyLength = OfflineMessageReply.MaxTextLength;

    public async Task<IReadOnlyList<OfflineInboxItem>> ListAsync(
        OfflineMessageStatus? status = null, string? search = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.OfflineMessages.AsNoTracking();
        if (status is { } wanted)
        {
            query = query.Where(m => m.Status == wanted);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePattern.Containing(search.Trim());
            query = query.Where(m => EF.Functions.Like(m.Name, pattern, LikePattern.Escape)
                || EF.Functions.Like(m.Email, pattern, LikePattern.Escape)
                || EF.Functions.Like(m.Text, pattern, LikePattern.Escape)
                || (m.MemberNumber != null && EF.Functions.Like(m.MemberNumber, pattern, LikePattern.Escape)));
        }

        return await (
            from m in query
            join q in db.QuestionTypes on m.QuestionTypeId equals q.Id into types
            from q in types.DefaultIfEmpty()
            orderby m.ReceivedAt descending
            select new OfflineInboxItem(
                m.Id, m.Name, m.Email, m.MemberNumber, q == null ? null : q.NameId, q == null ? null : q.NameEn,
                m.Text, m.ReceivedAt, m.Status, db.OfflineMessageReplies.Count(r => r.OfflineMessageId == m.Id)))
            .Take(500)
            .ToListAsync(cancellationToken);
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
        return new OfflineThread(message, type?.NameId, type?.NameEn, replies);
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
            var (subject, plain, html) = MailTexts.Reply(message, reply, librarian.Name);
            try
            {
                outbox.Enqueue(db, message.Email, message.Name, subject, plain, html, OutboxMailKinds.OfflineReply, message.Id);
            }
            catch (InvalidMailAddressException)
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

    /// <summary>
    /// Queues the library mailbox's notice of a new message, once (a repeated call queues nothing).
    /// No mailbox configured: nothing to do.
    /// </summary>
    public async Task AnnounceAsync(Guid messageId, CancellationToken cancellationToken = default)
    {
        var mailbox = mailOptions.CurrentValue.LibraryMailbox;
        if (string.IsNullOrWhiteSpace(mailbox))
        {
            return;
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.OutboxMails.AnyAsync(m => m.Kind == OutboxMailKinds.OfflineAnnouncement && m.RelatedId == messageId, cancellationToken)
                || await db.OfflineMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == messageId, cancellationToken) is not { } message)
            {
                return;
            }

            var type = message.QuestionTypeId is null ? null
                : await db.QuestionTypes.AsNoTracking().SingleOrDefaultAsync(q => q.Id == message.QuestionTypeId, cancellationToken);
            var (subject, text) = MailTexts.Announcement(message, type?.NameId);
            outbox.Enqueue(db, mailbox, null, subject, text, null, OutboxMailKinds.OfflineAnnouncement, message.Id);
            await db.SaveChangesAsync(cancellationToken);
        }

        sender.Wake();
    }
}
