using System.Globalization;
using System.Text.Json;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Hosting;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Conversations;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Privacy;

/// <summary>
/// Once a day, forgets what is older than the privacy settings allow: conversations and offline messages past the
/// retention age are anonymised (<see cref="Conversation.Anonymise"/>, <c>OfflineMessage.Anonymise</c>), visits lose
/// their visitor id (the one thing tying them to a browser; the rows stay, so counts of visits do not change), and
/// sent or discarded mails lose their bodies after <see cref="PrivacySettings.OutboxBodyDays"/> and their address and
/// subject at the retention age. A batch of <see cref="BatchSize"/> rows is one transaction; every step picks only rows
/// not yet done, so a run stopped half-way, or run twice, leaves the same result. It changes everyone's rows, so it
/// runs on one server at a time (the lease). A round every hour runs the work once a day has passed since the last run
/// (kept in <c>DeskSettings</c>, so a restart does not skip or repeat a day); one audit entry per run that changed
/// anything, with the counts.
/// </summary>
public sealed class RetentionJob(
    IDbContextFactory<DeskDbContext> dbFactory,
    PrivacySettingsStore settings,
    AuditTrail audit,
    SqliteWriteGate writes,
    TimeProvider time,
    ILogger<RetentionJob> logger,
    IPeriodicWorkLease? lease = null) : PeriodicWork(time, logger, lease)
{
    public const int BatchSize = 500;
    private const string LastRunKey = "Privacy.RetentionLastRun";
    private static readonly TimeSpan Every = TimeSpan.FromDays(1);

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string FailureMessage => "Could not apply the retention schedule";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (await LastRunAsync(cancellationToken) is { } last && Time.GetUtcNow() - last.At < Every)
        {
            return;
        }

        await RunAsync(cancellationToken);
    }

    /// <summary>The last run and what it changed; null before the first.</summary>
    public async Task<RetentionRun?> LastRunAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.DeskSettings.AsNoTracking().Where(s => s.Key == LastRunKey).Select(s => s.Value).SingleOrDefaultAsync(cancellationToken);
        return stored is null ? null : JsonSerializer.Deserialize<RetentionRun>(stored);
    }

    /// <summary>Applies the retention schedule now, whenever it last ran; returns what changed.</summary>
    public async Task<RetentionRun> RunAsync(CancellationToken cancellationToken = default)
    {
        var current = await settings.GetAsync(cancellationToken);
        var now = Time.GetStoredUtcNow();
        var retainedSince = now.AddMonths(-current.RetentionMonths);
        var run = new RetentionRun(
            now,
            await ConversationsAsync(retainedSince, current.DeleteMessageTexts, now, cancellationToken),
            await OfflineMessagesAsync(retainedSince, current.DeleteMessageTexts, now, cancellationToken),
            await VisitsAsync(retainedSince, cancellationToken),
            await MailBodiesAsync(now.AddDays(-current.OutboxBodyDays), cancellationToken),
            await MailAddressesAsync(retainedSince, cancellationToken));

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.DeskSettings.FindAsync([LastRunKey], cancellationToken);
        if (row is null)
        {
            row = new DeskSetting { Key = LastRunKey };
            db.DeskSettings.Add(row);
        }

        row.Value = JsonSerializer.Serialize(run);
        if (run.Changed)
        {
            audit.Record(db, AuditActor.System, AuditActions.RetentionApplied, details: run.Describe());
        }

        using (await writes.EnterAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return run;
    }

    private Task<int> ConversationsAsync(DateTimeOffset retainedSince, bool deleteTexts, DateTimeOffset now, CancellationToken cancellationToken) =>
        AnonymiseInBatchesAsync(
            db => db.Conversations
                .Where(c => (c.Status == ConversationStatus.Closed || c.Status == ConversationStatus.Missed) && c.StartedAt < retainedSince
                    && (c.AnonymisedAt == null || (deleteTexts && !c.TextsDeleted)))
                .OrderBy(c => c.StartedAt).Take(BatchSize)
                .Include(c => c.Messages)
                .AsSplitQuery()
                .ToListAsync(cancellationToken),
            (_, batch) => Task.FromResult(batch.Count(c => c.Anonymise(StoredWording.Anonymous, deleteTexts, now))),
            cancellationToken,
            filesOf: batch => batch.Select(c => c.Id).ToList());

    private Task<int> OfflineMessagesAsync(DateTimeOffset retainedSince, bool deleteTexts, DateTimeOffset now, CancellationToken cancellationToken) =>
        AnonymiseInBatchesAsync(
            db => db.OfflineMessages
                .Where(m => m.ReceivedAt < retainedSince && (m.AnonymisedAt == null || (deleteTexts && !m.TextsDeleted)))
                .OrderBy(m => m.ReceivedAt).Take(BatchSize)
                .ToListAsync(cancellationToken),
            async (db, batch) =>
            {
                var ids = batch.Select(m => m.Id).ToList();
                var replies = (await db.OfflineMessageReplies.Where(r => ids.Contains(r.OfflineMessageId)).ToListAsync(cancellationToken))
                    .ToLookup(r => r.OfflineMessageId);
                return batch.Count(m => m.Anonymise(StoredWording.Anonymous, deleteTexts, now, replies[m.Id]));
            },
            cancellationToken);

    /// <summary>
    /// Loads a batch of due rows, anonymises them in the domain and saves them in one transaction, batch after batch.
    /// A conversation's <c>LastSequence</c> is its concurrency token: a note added since the load fails the batch, and
    /// the next run takes it again. <paramref name="filesOf"/> names the conversations whose files go in the same
    /// transaction (<see cref="AnonymisedFiles"/>).
    /// </summary>
    private async Task<int> AnonymiseInBatchesAsync<T>(
        Func<DeskDbContext, Task<List<T>>> due, Func<DeskDbContext, List<T>, Task<int>> anonymise, CancellationToken cancellationToken,
        Func<List<T>, List<Guid>>? filesOf = null)
    {
        var total = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var batch = await due(db);
            var changed = await anonymise(db, batch);
            await AnonymisedFiles.SaveAsync(db, writes, filesOf?.Invoke(batch) ?? [], cancellationToken);

            total += changed;
            if (batch.Count < BatchSize || changed == 0)
            {
                return total;
            }
        }
    }

    private Task<int> VisitsAsync(DateTimeOffset retainedSince, CancellationToken cancellationToken) =>
        InBatchesAsync(
            db => db.Visits.Where(v => v.StartedAt < retainedSince && v.VisitorId != "").OrderBy(v => v.Id).Select(v => v.Id),
            (db, ids) => db.Visits.Where(v => ids.Contains(v.Id)).ExecuteUpdateAsync(s => s.SetProperty(v => v.VisitorId, ""), cancellationToken),
            cancellationToken);

    private Task<int> MailBodiesAsync(DateTimeOffset doneBefore, CancellationToken cancellationToken) =>
        InBatchesAsync(
            db => db.OutboxMails
                .Where(m => ((m.SentAt != null && m.SentAt < doneBefore) || (m.DiscardedAt != null && m.DiscardedAt < doneBefore))
                    && (m.TextBody != "" || m.HtmlBody != null))
                .OrderBy(m => m.CreatedAt).Select(m => m.Id),
            (db, ids) => db.OutboxMails.Where(m => ids.Contains(m.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.TextBody, "").SetProperty(m => m.HtmlBody, (string?)null), cancellationToken),
            cancellationToken);

    private Task<int> MailAddressesAsync(DateTimeOffset retainedSince, CancellationToken cancellationToken) =>
        InBatchesAsync(
            db => db.OutboxMails
                .Where(m => (m.SentAt != null || m.DiscardedAt != null) && m.CreatedAt < retainedSince && (m.To != "" || m.Subject != ""))
                .OrderBy(m => m.CreatedAt).Select(m => m.Id),
            (db, ids) => db.OutboxMails.Where(m => ids.Contains(m.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.To, "").SetProperty(m => m.Subject, ""), cancellationToken),
            cancellationToken);

    /// <summary>Takes the ids of a batch and changes their rows in one statement, batch after batch, until none is left.</summary>
    private async Task<int> InBatchesAsync<TKey>(
        Func<DeskDbContext, IQueryable<TKey>> due, Func<DeskDbContext, List<TKey>, Task<int>> change, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var ids = await due(db).Take(BatchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return total;
            }

            int changed;
            using (await writes.EnterAsync(cancellationToken))
            {
                changed = await change(db, ids);
            }

            total += changed;
            if (ids.Count < BatchSize || changed == 0)
            {
                return total;
            }
        }
    }
}

/// <summary>One run of the retention schedule: when, and how many rows of each kind it changed.</summary>
public sealed record RetentionRun(DateTimeOffset At, int Conversations, int OfflineMessages, int Visits, int MailBodies, int MailAddresses)
{
    public bool Changed => Conversations + OfflineMessages + Visits + MailBodies + MailAddresses > 0;

    /// <summary>The counts as the audit log records them.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"conversations {Conversations}, offline messages {OfflineMessages}, visits {Visits}, mail bodies {MailBodies}, mail addresses {MailAddresses}");
}
