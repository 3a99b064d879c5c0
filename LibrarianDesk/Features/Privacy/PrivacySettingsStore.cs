using System.Globalization;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Privacy;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Privacy;

/// <summary>
/// The privacy settings, stored in <c>DeskSettings</c> (a missing row is its default) and kept in memory, since every
/// patron start and every visitor's Hello asks for the IP address policy. The table is the truth and the copy a cache
/// of it: a save on any server publishes <see cref="PrivacySettingsChanged"/>, which every server hears and drops its
/// copy on, so the next read loads the saved settings.
/// </summary>
public sealed class PrivacySettingsStore : IDisposable
{
    private const string RetentionMonthsKey = "Privacy.RetentionMonths";
    private const string DeleteMessageTextsKey = "Privacy.DeleteMessageTexts";
    private const string OutboxBodyDaysKey = "Privacy.OutboxBodyDays";
    private const string IpAddressesKey = "Privacy.IpAddresses";
    private const string LookUpMonthsKey = "Privacy.LookUpMonths";
    private static readonly string[] Keys = [RetentionMonthsKey, DeleteMessageTextsKey, OutboxBodyDaysKey, IpAddressesKey, LookUpMonthsKey];

    private readonly StaffCaller callers;
    private readonly IDbContextFactory<DeskDbContext> dbFactory;
    private readonly AuditTrail audit;
    private readonly DeskNotifier notifier;
    private readonly CachedUntilChanged<PrivacySettings, PrivacySettingsChanged> cache;

    public PrivacySettingsStore(StaffCaller callers, IDbContextFactory<DeskDbContext> dbFactory, AuditTrail audit, DeskNotifier notifier)
    {
        this.callers = callers;
        this.dbFactory = dbFactory;
        this.audit = audit;
        this.notifier = notifier;
        cache = new(notifier);
    }

    public Task<PrivacySettings> GetAsync(CancellationToken cancellationToken = default) => cache.GetAsync(ReadAsync, cancellationToken);

    private async Task<PrivacySettings> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.DeskSettings.AsNoTracking().Where(s => Keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        var defaults = PrivacySettings.Default;
        return new PrivacySettings(
            Number(stored, RetentionMonthsKey) ?? defaults.RetentionMonths,
            stored.TryGetValue(DeleteMessageTextsKey, out var delete) && bool.TryParse(delete, out var deleteTexts) ? deleteTexts : defaults.DeleteMessageTexts,
            Number(stored, OutboxBodyDaysKey) ?? defaults.OutboxBodyDays,
            stored.TryGetValue(IpAddressesKey, out var policy) && Enum.TryParse<IpAddressPolicy>(policy, out var ipAddresses) && Enum.IsDefined(ipAddresses)
                ? ipAddresses : defaults.IpAddresses,
            Number(stored, LookUpMonthsKey) ?? defaults.LookUpMonths);
    }

    /// <summary>What the desk stores of a patron's or visitor's address under the current policy: the one place it is decided.</summary>
    public async Task<string?> StoredAddressAsync(string? address, CancellationToken cancellationToken = default) =>
        (await GetAsync(cancellationToken)).IpAddresses.StoredForm(address);

    /// <summary>Saves the settings (Supervisor), audited. Returns the problems instead when they are not valid; nothing is saved then.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(AuditActor actor, PrivacySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await callers.RequireAsync(actor, DeskRoles.Supervisor);
        var problems = settings.Problems();
        if (problems.Count > 0)
        {
            return problems;
        }

        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            await db.DeskSettings.SetAsync(RetentionMonthsKey, settings.RetentionMonths.ToString(CultureInfo.InvariantCulture));
            await db.DeskSettings.SetAsync(DeleteMessageTextsKey, settings.DeleteMessageTexts.ToString());
            await db.DeskSettings.SetAsync(OutboxBodyDaysKey, settings.OutboxBodyDays.ToString(CultureInfo.InvariantCulture));
            await db.DeskSettings.SetAsync(IpAddressesKey, settings.IpAddresses.ToString());
            await db.DeskSettings.SetAsync(LookUpMonthsKey, settings.LookUpMonths.ToString(CultureInfo.InvariantCulture));
            audit.Record(db, actor, AuditActions.PrivacySettingsChanged, details: settings.Describe());
            await db.SaveChangesAsync();
        }

        // Dropped here before the event goes out too: this server reads the new settings whatever order it hears things in.
        cache.Forget();
        await notifier.PublishAsync(new PrivacySettingsChanged());
        return [];
    }

    public void Dispose() => cache.Dispose();

    private static int? Number(Dictionary<string, string> stored, string key) =>
        stored.TryGetValue(key, out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
}
