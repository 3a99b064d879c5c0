using System.Globalization;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Scheduling;

/// <summary>
/// The weekly schedule, the holidays and the always-open switch. Reads are served from a snapshot kept
/// in memory (the desk asks "are we open?" often). The tables are the truth and the snapshot a cache of them: a change
/// on any server publishes <see cref="ServiceHoursChanged"/>, which every server hears and drops its snapshot on, so
/// the next read builds a new one.
/// </summary>
public sealed class ServiceHoursStore : IDisposable
{
    private readonly StaffCaller callers;
    private readonly IDbContextFactory<DeskDbContext> dbFactory;
    private readonly IOptionsMonitor<ServiceHoursOptions> options;
    private readonly AuditTrail audit;
    private readonly DeskNotifier notifier;
    private readonly IDisposable changes;
    private readonly IDisposable missed;
    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile Schedule? snapshot;

    // Bumped by every change: a load that started before a change never caches what it read.
    private long version;

    public ServiceHoursStore(
        StaffCaller callers, IDbContextFactory<DeskDbContext> dbFactory, IOptionsMonitor<ServiceHoursOptions> options, AuditTrail audit, DeskNotifier notifier)
    {
        this.callers = callers;
        this.dbFactory = dbFactory;
        this.options = options;
        this.audit = audit;
        this.notifier = notifier;

        // Subscribed before any page (the desk status broadcaster builds the store at start), and the snapshot is
        // dropped without waiting: pages hearing the same event after this handler read the new schedule.
        changes = notifier.Subscribe<ServiceHoursChanged>(_ =>
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

    public async Task<Schedule> GetAsync(CancellationToken cancellationToken = default)
    {
        if (IsCurrent(snapshot) is { } current)
        {
            return current;
        }

        await loading.WaitAsync(cancellationToken);
        try
        {
            if (IsCurrent(snapshot) is { } loaded)
            {
                return loaded;
            }

            var readVersion = Interlocked.Read(ref version);

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var ranges = await db.OpeningRanges.AsNoTracking().ToListAsync(cancellationToken);
            var holidays = await db.Holidays.AsNoTracking().ToListAsync(cancellationToken);
            var alwaysOpenSetting = await db.DeskSettings.AsNoTracking()
                .Where(s => s.Key == DeskSetting.AlwaysOpen).Select(s => s.Value).SingleOrDefaultAsync(cancellationToken);
            var built = new Schedule(
                new ServiceHours(ranges, holidays),
                ranges.OrderBy(r => r.Day).ThenBy(r => r.Opens).ToList(),
                holidays.OrderBy(h => h.Date).ToList(),
                alwaysOpenSetting == bool.TrueString,
                options.CurrentValue.AlwaysOpen);
            if (Interlocked.Read(ref version) == readVersion)
            {
                snapshot = built;
            }

            return built;
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>Replaces the whole week. Returns the problems instead when the week is not valid; nothing is saved then.</summary>
    public async Task<IReadOnlyList<ScheduleProblem>> SaveWeekAsync(AuditActor actor, IReadOnlyList<OpeningRange> week)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor);
        ArgumentNullException.ThrowIfNull(week);
        var problems = OpeningRange.Validate(week);
        if (problems.Count > 0)
        {
            return problems;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.OpeningRanges.ExecuteDeleteAsync();
        db.OpeningRanges.AddRange(week.Select(r => new OpeningRange { Day = r.Day, Opens = r.Opens, Closes = r.Closes }));
        audit.Record(db, actor, AuditActions.ServiceHoursChanged, details: Describe(week));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await ChangedAsync();
        return [];
    }

    public async Task<HolidayChange> AddHolidayAsync(AuditActor actor, DateOnly date, string name, HolidayKind kind)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor);
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > Holiday.MaxNameLength)
        {
            return HolidayChange.Failed(HolidayErrors.NameInvalid);
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.Holidays.AnyAsync(h => h.Date == date))
        {
            return HolidayChange.Failed(HolidayErrors.DuplicateDate);
        }

        db.Holidays.Add(new Holiday { Date = date, Name = name.Trim(), Kind = kind });
        audit.Record(db, actor, AuditActions.HolidayAdded, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), name.Trim());
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // A colleague added the same date a moment ago; the unique index kept one.
            return HolidayChange.Failed(HolidayErrors.DuplicateDate);
        }

        await ChangedAsync();
        return HolidayChange.Done(1);
    }

    public async Task RemoveHolidayAsync(AuditActor actor, int holidayId)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor);
        await using var db = await dbFactory.CreateDbContextAsync();
        var holiday = await db.Holidays.FindAsync(holidayId);
        if (holiday is null)
        {
            return;
        }

        db.Holidays.Remove(holiday);
        audit.Record(db, actor, AuditActions.HolidayRemoved, holiday.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), holiday.Name);
        await db.SaveChangesAsync();
        await ChangedAsync();
    }

    /// <summary>Adds the rows of a holiday file, replacing the name and kind of dates already listed. All rows or none.</summary>
    public async Task<HolidayChange> ImportHolidaysAsync(AuditActor actor, IReadOnlyList<Holiday> rows)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor);
        ArgumentNullException.ThrowIfNull(rows);
        await using var db = await dbFactory.CreateDbContextAsync();
        var dates = rows.Select(r => r.Date).ToList();
        var existing = await db.Holidays.Where(h => dates.Contains(h.Date)).ToDictionaryAsync(h => h.Date);
        foreach (var row in rows)
        {
            if (existing.TryGetValue(row.Date, out var holiday))
            {
                holiday.Name = row.Name;
                holiday.Kind = row.Kind;
            }
            else
            {
                db.Holidays.Add(new Holiday { Date = row.Date, Name = row.Name, Kind = row.Kind });
            }
        }

        audit.Record(db, actor, AuditActions.HolidaysImported, details: $"{rows.Count} rows, {existing.Count} updated");
        await db.SaveChangesAsync();
        await ChangedAsync();
        return HolidayChange.Done(rows.Count);
    }

    public async Task SetAlwaysOpenAsync(AuditActor actor, bool alwaysOpen)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor);
        await using var db = await dbFactory.CreateDbContextAsync();
        var setting = await db.DeskSettings.SetAsync(DeskSetting.AlwaysOpen, alwaysOpen.ToString());
        audit.Record(db, actor, AuditActions.AlwaysOpenChanged, details: setting.Value);
        await db.SaveChangesAsync();
        await ChangedAsync();
    }

    public void Dispose()
    {
        changes.Dispose();
        missed.Dispose();
        loading.Dispose();
    }

    // appsettings.json may be edited while the desk runs; the configured switch is never served stale.
    private Schedule? IsCurrent(Schedule? schedule) =>
        schedule?.AlwaysOpenByConfiguration == options.CurrentValue.AlwaysOpen ? schedule : null;

    // Dropped here before the event goes out too: this server's pages hear it in any order.
    private Task ChangedAsync()
    {
        Forget();
        return notifier.PublishAsync(new ServiceHoursChanged());
    }

    private void Forget()
    {
        Interlocked.Increment(ref version);
        snapshot = null;
    }

    private static string Describe(IEnumerable<OpeningRange> week) => string.Join("; ", week
        .OrderBy(r => r.Day).ThenBy(r => r.Opens)
        .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Day} {r.Opens:HH\\:mm}-{r.Closes:HH\\:mm}")));
}

/// <summary>One consistent view of the schedule at a moment.</summary>
public sealed record Schedule(
    ServiceHours Hours,
    IReadOnlyList<OpeningRange> Week,
    IReadOnlyList<Holiday> Holidays,
    bool AlwaysOpenSwitch,
    bool AlwaysOpenByConfiguration)
{
    public bool AlwaysOpen => AlwaysOpenSwitch || AlwaysOpenByConfiguration;
}

public sealed record HolidayChange(bool Succeeded, string? Error, int Count)
{
    public static HolidayChange Done(int count) => new(true, null, count);

    public static HolidayChange Failed(string error) => new(false, error, 0);
}

public static class HolidayErrors
{
    public const string DuplicateDate = "HolidayDuplicateDate";
    public const string NameInvalid = "HolidayNameInvalid";
}
