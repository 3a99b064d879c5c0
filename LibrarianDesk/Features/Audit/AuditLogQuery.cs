using LibrarianDesk.Data;
using LibrarianDesk.Shared.Auditing;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Audit;

/// <summary>Reads the audit log newest first, a page at a time.</summary>
public sealed class AuditLogQuery(IDbContextFactory<DeskDbContext> dbFactory)
{
    public async Task<(IReadOnlyList<AuditEntry> Entries, int Total)> PageAsync(
        string? search, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePattern.Containing(search.Trim());
            query = query.Where(a => EF.Functions.Like(a.ActorName, pattern, LikePattern.Escape)
                || EF.Functions.Like(a.Action, pattern, LikePattern.Escape)
                || (a.Target != null && EF.Functions.Like(a.Target, pattern, LikePattern.Escape))
                || (a.Details != null && EF.Functions.Like(a.Details, pattern, LikePattern.Escape)));
        }

        var total = await query.CountAsync(cancellationToken);
        var entries = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (entries, total);
    }
}
