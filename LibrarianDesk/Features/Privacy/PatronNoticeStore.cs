using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Privacy;

/// <summary>
/// The patron notice and the typing-preview switch, kept in <c>DeskSettings</c>. Every Hello and every Typing call
/// reads it, so it is cached in memory; a save on any server publishes <see cref="PatronNoticeChanged"/>, which every
/// server hears and drops its copy on, so the next read (the next draft a hub receives) sees the change.
/// </summary>
public sealed class PatronNoticeStore : IDisposable
{
    private const string LinkKey = "PatronNotice.Link";
    private const string TextIndonesianKey = "PatronNotice.TextId";
    private const string TextEnglishKey = "PatronNotice.TextEn";
    private const string TypingPreviewsKey = "PatronNotice.TypingPreviews";

    private readonly StaffCaller callers;
    private readonly IDbContextFactory<DeskDbContext> dbFactory;
    private readonly AuditTrail audit;
    private readonly DeskNotifier notifier;
    private readonly IDisposable changes;
    private readonly IDisposable missed;
    private volatile PatronNotice? cached;

    // Bumped by every change: a read that started before a change never caches what it read.
    private long version;

    public PatronNoticeStore(StaffCaller callers, IDbContextFactory<DeskDbContext> dbFactory, AuditTrail audit, DeskNotifier notifier)
    {
        this.callers = callers;
        this.dbFactory = dbFactory;
        this.audit = audit;
        this.notifier = notifier;
        changes = notifier.Subscribe<PatronNoticeChanged>(_ =>
        {
            Forget();
            return Task.CompletedTask;
        });

        // A server cut off from Redis may have missed a change, or not told the others of its own.
        missed = notifier.Subscribe<DeskEventsMissed>(_ =>
        {
            Forget();
            return Task.CompletedTask;
        });
    }

    public async Task<PatronNotice> GetAsync(CancellationToken cancellationToken = default)
    {
        if (cached is { } current)
        {
            return current;
        }

        var readVersion = Interlocked.Read(ref version);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        string[] keys = [LinkKey, TextIndonesianKey, TextEnglishKey, TypingPreviewsKey];
        var values = await db.DeskSettings.AsNoTracking().Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        var notice = new PatronNotice(
            values.GetValueOrDefault(LinkKey),
            values.GetValueOrDefault(TextIndonesianKey),
            values.GetValueOrDefault(TextEnglishKey),
            values.GetValueOrDefault(TypingPreviewsKey) != bool.FalseString).Trimmed();
        if (Interlocked.Read(ref version) == readVersion)
        {
            cached = notice;
        }

        return notice;
    }

    /// <summary>Saves the notice (trimmed) and audits it. Returns the problems instead when it is not valid; nothing is saved then.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(AuditActor actor, PatronNotice notice)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor);
        ArgumentNullException.ThrowIfNull(notice);
        var saved = notice.Trimmed();
        var problems = saved.Problems();
        if (problems.Count > 0)
        {
            return problems;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        await SetAsync(db, LinkKey, saved.Link ?? "");
        await SetAsync(db, TextIndonesianKey, saved.TextIndonesian ?? "");
        await SetAsync(db, TextEnglishKey, saved.TextEnglish ?? "");
        await SetAsync(db, TypingPreviewsKey, saved.TypingPreviews.ToString());
        audit.Record(db, actor, AuditActions.PatronNoticeChanged, details:
            $"link: {saved.Link ?? "-"}; text id: {saved.TextIndonesian?.Length ?? 0} chars; text en: {saved.TextEnglish?.Length ?? 0} chars; typing previews: {(saved.TypingPreviews ? "on" : "off")}");
        await db.SaveChangesAsync();

        // Dropped here before the event goes out too: this server's hubs read the new switch at once.
        Forget();
        await notifier.PublishAsync(new PatronNoticeChanged());
        return [];
    }

    public void Dispose()
    {
        changes.Dispose();
        missed.Dispose();
    }

    private static async Task SetAsync(DeskDbContext db, string key, string value)
    {
        var setting = await db.DeskSettings.FindAsync(key);
        if (setting is null)
        {
            db.DeskSettings.Add(new DeskSetting { Key = key, Value = value });
        }
        else
        {
            setting.Value = value;
        }
    }

    private void Forget()
    {
        Interlocked.Increment(ref version);
        cached = null;
    }
}

/// <summary>A supervisor saved the patron notice or the typing-preview switch (heard on every server).</summary>
public sealed record PatronNoticeChanged;
