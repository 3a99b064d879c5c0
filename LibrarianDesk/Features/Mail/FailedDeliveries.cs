using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Mail;

/// <summary>A mail that has not gone out after at least one failed attempt.</summary>
public sealed record FailedDelivery(
    Guid Id, string To, string Subject, string Kind, DateTimeOffset CreatedAt, int Attempts, string? LastError, DateTimeOffset NextAttemptAt, bool GaveUp);

/// <summary>Why a retry or a discard was refused (resource key suffixes, <c>Outbox_Error_*</c>).</summary>
public static class FailedDeliveryErrors
{
    public const string NotFound = "NotFound";
    public const string AlreadySent = "AlreadySent";
}

/// <summary>
/// The administrators' view of the outbox's troubles: mails retrying or given up, with the last error;
/// retry one now, or discard it (kept, never sent). Both audited.
/// </summary>
public sealed class FailedDeliveries(
    StaffCaller callers, IDbContextFactory<DeskDbContext> dbFactory,
    OutboxSender sender,
    AuditTrail audit,
    DeskNotifier notifier,
    IOptionsMonitor<MailOptions> options,
    TimeProvider time)
{
    public async Task<IReadOnlyList<FailedDelivery>> ListAsync(AuditActor actor, CancellationToken cancellationToken = default)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor, DeskRoles.ItAdmin);
        var maxAttempts = options.CurrentValue.MaxAttempts;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Pending(db)
            .OrderBy(m => m.CreatedAt)
            .Select(m => new FailedDelivery(m.Id, m.To, m.Subject, m.Kind, m.CreatedAt, m.Attempts, m.LastError, m.NextAttemptAt, m.Attempts >= maxAttempts))
            .Take(500)
            .ToListAsync(cancellationToken);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Pending(db).CountAsync(cancellationToken);
    }

    /// <summary>Due now. A mail that ran out of attempts starts a new round of them (the audit keeps the old count).</summary>
    public async Task<string?> RetryNowAsync(AuditActor actor, Guid mailId)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor, DeskRoles.ItAdmin);
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var (mail, error) = await FindUnsentAsync(db, mailId);
            if (mail is null)
            {
                return error;
            }

            audit.Record(db, actor, OfflineAuditActions.MailRetried, mail.Id.ToString(), $"{mail.To}; after {mail.Attempts} attempts: {mail.LastError}");
            if (mail.Attempts >= options.CurrentValue.MaxAttempts)
            {
                mail.Attempts = 0;
            }

            mail.NextAttemptAt = time.GetStoredUtcNow();
            await db.SaveChangesAsync();
        }

        sender.Wake();
        await notifier.PublishAsync(new OutboxProblemsChanged());
        return null;
    }

    /// <summary>Never sent; the row stays for the record.</summary>
    public async Task<string?> DiscardAsync(AuditActor actor, Guid mailId)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor, DeskRoles.ItAdmin);
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var (mail, error) = await FindUnsentAsync(db, mailId);
            if (mail is null)
            {
                return error;
            }

            mail.DiscardedAt = time.GetStoredUtcNow();
            audit.Record(db, actor, OfflineAuditActions.MailDiscarded, mail.Id.ToString(), $"{mail.To}; {mail.Subject}; after {mail.Attempts} attempts: {mail.LastError}");
            await db.SaveChangesAsync();
        }

        await notifier.PublishAsync(new OutboxProblemsChanged());
        return null;
    }

    private static async Task<(OutboxMail? Mail, string? Error)> FindUnsentAsync(DeskDbContext db, Guid mailId)
    {
        var mail = await db.OutboxMails.SingleOrDefaultAsync(m => m.Id == mailId && m.DiscardedAt == null);
        return mail is null ? (null, FailedDeliveryErrors.NotFound)
            : mail.SentAt is not null ? (null, FailedDeliveryErrors.AlreadySent)
            : (mail, null);
    }

    private static IQueryable<OutboxMail> Pending(DeskDbContext db) =>
        db.OutboxMails.AsNoTracking().Where(m => m.SentAt == null && m.DiscardedAt == null && m.Attempts > 0);
}
