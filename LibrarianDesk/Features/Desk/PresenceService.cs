using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Desk;

/// <summary>
/// Each librarian's Online / Away / Offline, kept in the database and announced to every open desk.
/// Only a librarian (<see cref="DeskStaff"/>) holds a presence other than Offline.
/// </summary>
public sealed partial class PresenceService(
    IDbContextFactory<DeskDbContext> dbFactory, DeskNotifier notifier, TimeProvider time, ILogger<PresenceService> logger)
    : IStaffPresence
{
    /// <summary>Sets a presence; Online or Away for an account that is not an active librarian throws <see cref="NotALibrarianException"/>.</summary>
    public async Task SetAsync(string librarianId, Presence presence, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        string displayName;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Read inside the write transaction: a Librarian role removed at this moment cannot be followed by an Online.
            var librarians = db.ActiveLibrarians();
            var account = await db.Users.Where(u => u.Id == librarianId && u.IsActive)
                .Select(u => new { u.DisplayName, u.Presence, IsLibrarian = librarians.Any(l => l.Id == u.Id) })
                .SingleOrDefaultAsync(cancellationToken);
            if (account is null)
            {
                return;
            }

            if (presence != Presence.Offline && !account.IsLibrarian)
            {
                LogRefused(logger, librarianId, presence);
                throw new NotALibrarianException(librarianId);
            }

            await WriteAsync(db, librarianId, account.Presence, presence, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            displayName = account.DisplayName;
        }

        await notifier.PublishAsync(new PresenceChanged(librarianId, displayName, presence));
    }

    /// <summary>
    /// Sets Offline a librarian whose presence is not Offline and has not changed since it was read
    /// (<paramref name="unchangedSince"/>): of several servers deciding at once, and against a presence chosen in the
    /// meantime, the database lets only the first change through. Returns whether this call changed it.
    /// </summary>
    public async Task<bool> SetOfflineUnlessChangedAsync(string librarianId, DateTimeOffset? unchangedSince, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetStoredUtcNow();
        string displayName;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var changed = await db.Users
                .Where(u => u.Id == librarianId && u.Presence != Presence.Offline && u.PresenceChangedAt == unchangedSince)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(l => l.Presence, Presence.Offline)
                    .SetProperty(l => l.PresenceChangedAt, now), cancellationToken);
            if (changed == 0)
            {
                return false;
            }

            await RecordPeriodAsync(db, librarianId, Presence.Offline, now, cancellationToken);
            displayName = await db.Users.Where(u => u.Id == librarianId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await notifier.PublishAsync(new PresenceChanged(librarianId, displayName, Presence.Offline));
        return true;
    }

    /// <summary>
    /// Sets Offline whoever holds a presence without being an active librarian (every account, or only
    /// <paramref name="accountId"/>): a role removed, or a state left from before the rule. Returns how many changed.
    /// </summary>
    public async Task<int> ClearNonLibrariansAsync(string? accountId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var librarians = db.ActiveLibrarians();
        var stale = await db.Users
            .Where(u => (accountId == null || u.Id == accountId) && u.Presence != Presence.Offline
                && !librarians.Any(l => l.Id == u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Presence })
            .ToListAsync(cancellationToken);
        foreach (var account in stale)
        {
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                await WriteAsync(db, account.Id, account.Presence, Presence.Offline, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            LogCleared(logger, account.Id, account.Presence);
            await notifier.PublishAsync(new PresenceChanged(account.Id, account.DisplayName, Presence.Offline));
        }

        return stale.Count;
    }

    private async Task WriteAsync(DeskDbContext db, string librarianId, Presence previous, Presence presence, CancellationToken cancellationToken)
    {
        var now = time.GetStoredUtcNow();
        await db.Users.Where(u => u.Id == librarianId)
            .ExecuteUpdateAsync(u => u
                .SetProperty(l => l.Presence, presence)
                .SetProperty(l => l.PresenceChangedAt, now), cancellationToken);
        if (previous != presence)
        {
            await RecordPeriodAsync(db, librarianId, presence, now, cancellationToken);
        }
    }

    /// <summary>Ends the period of the presence left behind and opens one for the new presence (none for Offline): "hours Online".</summary>
    private static async Task RecordPeriodAsync(
        DeskDbContext db, string librarianId, Presence presence, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.PresencePeriods.Where(p => p.LibrarianId == librarianId && p.EndedAt == null)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.EndedAt, now), cancellationToken);
        if (presence != Presence.Offline)
        {
            db.PresencePeriods.Add(new PresencePeriod { LibrarianId = librarianId, Presence = presence, StartedAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public async Task<Presence> GetAsync(string librarianId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.Id == librarianId).Select(u => u.Presence).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Active librarians, Online first.</summary>
    public async Task<IReadOnlyList<StaffPresence>> GetStaffAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var staff = await db.ActiveLibrarians()
            .Select(u => new StaffPresence(u.Id, u.DisplayName, u.Presence, u.PresenceChangedAt))
            .ToListAsync(cancellationToken);
        return staff.OrderBy(s => s.Presence switch { Presence.Online => 0, Presence.Away => 1, _ => 2 })
            .ThenBy(s => s.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    /// <summary>The librarians on duty (Online), by name: whom a conversation can be handed to.</summary>
    public async Task<IReadOnlyList<StaffPresence>> GetOnDutyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var staff = await db.LibrariansOnDuty()
            .Select(u => new StaffPresence(u.Id, u.DisplayName, u.Presence, u.PresenceChangedAt))
            .ToListAsync(cancellationToken);
        return staff.OrderBy(s => s.DisplayName, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>Whether this account is on duty now: the desk rings it.</summary>
    public async Task<bool> IsOnDutyAsync(string accountId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.LibrariansOnDuty().AnyAsync(u => u.Id == accountId, cancellationToken);
    }

    /// <summary>How many librarians staff the desk now.</summary>
    public async Task<int> CountOnlineAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.LibrariansOnDuty().CountAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused presence {Presence} for account {AccountId}: not an active librarian")]
    private static partial void LogRefused(ILogger logger, string accountId, Presence presence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Set account {AccountId} Offline (was {Presence}): not an active librarian")]
    private static partial void LogCleared(ILogger logger, string accountId, Presence presence);
}

public sealed record StaffPresence(string LibrarianId, string DisplayName, Presence Presence, DateTimeOffset? Since);
