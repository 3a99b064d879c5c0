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
    private readonly CachedUntilChanged<PatronNotice, PatronNoticeChanged> cache;

    public PatronNoticeStore(StaffCaller callers, IDbContextFactory<DeskDbContext> dbFactory, AuditTrail audit, DeskNotifier notifier)
    {
        this.callers = callers;
        this.dbFactory = dbFactory;
        this.audit = audit;
        this.notifier = notifier;
        cache = new(notifier);
    }

    public Task<PatronNotice> GetAsync(CancellationToken cancellationToken = default) => cache.GetAsync(ReadAsync, cancellationToken);

    private async Task<PatronNotice> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        string[] keys = [LinkKey, TextIndonesianKey, TextEnglishKey, TypingPreviewsKey];
        var values = await db.DeskSettings.AsNoTracking().Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        return new PatronNotice(
            values.GetValueOrDefault(LinkKey),
            values.GetValueOrDefault(TextIndonesianKey),
            values.GetValueOrDefault(TextEnglishKey),
            values.GetValueOrDefault(TypingPreviewsKey) != bool.FalseString).Trimmed();
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
        await db.DeskSettings.SetAsync(LinkKey, saved.Link ?? "");
        await db.DeskSettings.SetAsync(TextIndonesianKey, saved.TextIndonesian ?? "");
        await db.DeskSettings.SetAsync(TextEnglishKey, saved.TextEnglish ?? "");
        await db.DeskSettings.SetAsync(TypingPreviewsKey, saved.TypingPreviews.ToString());
        audit.Record(db, actor, AuditActions.PatronNoticeChanged, details:
            $"link={saved.Link ?? "-"}; text_id={saved.TextIndonesian?.Length ?? 0}; text_en={saved.TextEnglish?.Length ?? 0}; typing_previews={(saved.TypingPreviews ? "on" : "off")}");
        await db.SaveChangesAsync();

        // Dropped here before the event goes out too: this server's hubs read the new switch at once.
        cache.Forget();
        await notifier.PublishAsync(new PatronNoticeChanged());
        return [];
    }

    public void Dispose() => cache.Dispose();
}

/// <summary>A supervisor saved the patron notice or the typing-preview switch (heard on every server).</summary>
public sealed record PatronNoticeChanged;
