using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.AuditLog;

/// <summary>Reads the audit log newest first, a page at a time, narrowed by who acted, when and what.</summary>
public sealed class AuditLogQuery(StaffCaller callers, IDbContextFactory<DeskDbContext> dbFactory)
{
    public async Task<(IReadOnlyList<AuditEntry> Entries, int Total)> PageAsync(
        AuditActor reader, AuditLogFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        await callers.RequireAsync(reader, DeskRoles.Supervisor, DeskRoles.ItAdmin);
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = LikePattern.Containing(filter.Search.Trim());
            query = query.Where(a => DeskText.Matches(a.ActorName, pattern)
                || DeskText.Matches(a.Action, pattern)
                || (a.Target != null && DeskText.Matches(a.Target, pattern))
                || (a.Details != null && DeskText.Matches(a.Details, pattern)));
        }

        if (filter.Actor is { } actor)
        {
            query = actor.Id is null ? query.Where(a => a.ActorId == null) : query.Where(a => a.ActorId == actor.Id);
        }

        if (filter.From is { } from)
        {
            var start = Wib.At(from, TimeOnly.MinValue);
            query = query.Where(a => a.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = Wib.At(to.AddDays(1), TimeOnly.MinValue);
            query = query.Where(a => a.At < end);
        }

        if (!string.IsNullOrEmpty(filter.Action))
        {
            query = query.Where(a => a.Action == filter.Action);
        }

        var total = await query.CountAsync(cancellationToken);
        var entries = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (entries, total);
    }

    /// <summary>The actions that appear in the log, for the filter.</summary>
    public async Task<IReadOnlyList<string>> ActionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking().Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
    }

    /// <summary>Everyone who appears in the log (the desk itself included), under the name they last acted with.</summary>
    public async Task<IReadOnlyList<AuditActor>> ActorsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var latest = await db.AuditEntries.AsNoTracking()
            .GroupBy(a => a.ActorId)
            .Select(g => g.Max(a => a.Id))
            .ToListAsync(cancellationToken);
        var actors = await db.AuditEntries.AsNoTracking()
            .Where(a => latest.Contains(a.Id))
            .Select(a => new AuditActor(a.ActorId, a.ActorName))
            .ToListAsync(cancellationToken);
        return actors.OrderBy(a => a.Id is null).ThenBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }
}

/// <summary>
/// What a reader narrowed the log to; empty parts don't narrow. <see cref="From"/> and <see cref="To"/>
/// are whole WIB days, both included.
/// </summary>
public sealed record AuditLogFilter(
    string? Search = null, AuditActor? Actor = null, DateOnly? From = null, DateOnly? To = null, string? Action = null)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Search) && Actor is null && From is null && To is null && string.IsNullOrEmpty(Action);
}
