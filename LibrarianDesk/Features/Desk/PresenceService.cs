using LibrarianDesk.Data;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Desk;

/// <summary>Each librarian's Online / Away / Offline, kept in the database and announced to every open desk.</summary>
public sealed class PresenceService(IDbContextFactory<DeskDbContext> dbFactory, DeskNotifier notifier, TimeProvider time)
{
    public async Task SetAsync(string librarianId, Presence presence, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetStoredUtcNow();
        var account = await db.Users.Where(u => u.Id == librarianId && u.IsActive)
            .Select(u => new { u.DisplayName, u.Presence }).SingleOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Users.Where(u => u.Id == librarianId)
            .ExecuteUpdateAsync(u => u
                .SetProperty(l => l.Presence, presence)
                .SetProperty(l => l.PresenceChangedAt, now), cancellationToken);
        if (account.Presence != presence)
        {
            await RecordPeriodAsync(db, librarianId, presence, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await notifier.PublishAsync(new PresenceChanged(librarianId, account.DisplayName, presence));
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

    /// <summary>Active accounts that answer chats, Online first.</summary>
    public async Task<IReadOnlyList<StaffPresence>> GetStaffAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var librarianRoleId = db.Roles.Where(r => r.Name == DeskRoles.Librarian).Select(r => r.Id);
        var staff = await db.Users
            .Where(u => u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && librarianRoleId.Contains(ur.RoleId)))
            .Select(u => new StaffPresence(u.Id, u.DisplayName, u.Presence, u.PresenceChangedAt))
            .ToListAsync(cancellationToken);
        return staff.OrderBy(s => s.Presence switch { Presence.Online => 0, Presence.Away => 1, _ => 2 })
            .ThenBy(s => s.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    public async Task<int> CountOnlineAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.CountAsync(u => u.IsActive && u.Presence == Presence.Online, cancellationToken);
    }
}

public sealed record StaffPresence(string LibrarianId, string DisplayName, Presence Presence, DateTimeOffset? Since);
