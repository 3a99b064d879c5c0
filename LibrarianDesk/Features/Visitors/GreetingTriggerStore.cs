using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Shared.Visitors;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Visitors;

/// <summary>
/// The automatic greetings supervisors set up. The enabled ones are read once and kept until a change,
/// because the evaluator asks every second.
/// </summary>
public sealed class GreetingTriggerStore(StaffCaller callers, IDbContextFactory<DeskDbContext> dbFactory)
{
    private volatile IReadOnlyList<GreetingTrigger>? enabled;

    public async Task<IReadOnlyList<GreetingTrigger>> ListAsync(AuditActor actor, CancellationToken cancellationToken = default)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.GreetingTriggers.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<GreetingTrigger>> EnabledAsync(CancellationToken cancellationToken = default)
    {
        if (enabled is { } cached)
        {
            return cached;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var loaded = await db.GreetingTriggers.AsNoTracking().Where(t => t.IsEnabled).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        enabled = loaded;
        return loaded;
    }

    /// <summary>Adds (<c>Id</c> 0) or updates a trigger; returns its problems as resource keys, empty when saved. Counts are kept.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(AuditActor actor, GreetingTrigger draft)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor);
        ArgumentNullException.ThrowIfNull(draft);
        draft.Name = draft.Name.Trim();
        draft.Pattern = draft.Pattern.Trim();
        draft.TextId = draft.TextId.Trim();
        draft.TextEn = draft.TextEn.Trim();
        var problems = draft.Problems();
        if (problems.Count > 0)
        {
            return problems;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        if (draft.Id == 0)
        {
            db.GreetingTriggers.Add(new GreetingTrigger
            {
                Name = draft.Name, Kind = draft.Kind, Pattern = draft.Pattern, DwellSeconds = draft.DwellSeconds,
                TextId = draft.TextId, TextEn = draft.TextEn, IsEnabled = draft.IsEnabled,
            });
        }
        else
        {
            var stored = await db.GreetingTriggers.SingleAsync(t => t.Id == draft.Id);
            (stored.Name, stored.Kind, stored.Pattern, stored.DwellSeconds, stored.TextId, stored.TextEn, stored.IsEnabled) =
                (draft.Name, draft.Kind, draft.Pattern, draft.DwellSeconds, draft.TextId, draft.TextEn, draft.IsEnabled);
        }

        await db.SaveChangesAsync();
        enabled = null;
        return [];
    }

    public async Task SetEnabledAsync(AuditActor actor, int id, bool isEnabled)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor);
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.GreetingTriggers.Where(t => t.Id == id).ExecuteUpdateAsync(t => t.SetProperty(x => x.IsEnabled, isEnabled));
        enabled = null;
    }

    public async Task DeleteAsync(AuditActor actor, int id)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor);
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.GreetingTriggers.Where(t => t.Id == id).ExecuteDeleteAsync();
        enabled = null;
    }

    public async Task CountFiredAsync(int id)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.GreetingTriggers.Where(t => t.Id == id).ExecuteUpdateAsync(t => t.SetProperty(x => x.FiredCount, x => x.FiredCount + 1));
    }

    public async Task CountConversationAsync(int id)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.GreetingTriggers.Where(t => t.Id == id).ExecuteUpdateAsync(t => t.SetProperty(x => x.ConversationCount, x => x.ConversationCount + 1));
    }
}
