using System.Net;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Blocking;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.IpBlocks;

/// <summary>
/// IT staff's block list: add, change and lift blocks, each audited; every server's rule set (<see cref="IpBlockRules"/>)
/// follows the events published here.
/// </summary>
public sealed class IpBlockService(
    StaffCaller callers, IDbContextFactory<DeskDbContext> dbFactory, AuditTrail audit, DeskNotifier notifier, TimeProvider time)
{
    public async Task<IReadOnlyList<IpBlock>> ListAsync(AuditActor actor, CancellationToken cancellationToken = default)
    {
        await callers.RequireAsync(actor, DeskRoles.ItAdmin, DeskRoles.Supervisor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var blocks = await db.IpBlocks.AsNoTracking().ToListAsync(cancellationToken);
        return blocks.OrderByDescending(b => b.CreatedAt).ToList();
    }

    /// <summary>
    /// Blocks an address or range. A range that would block everyone, or the administrator's own address,
    /// is only saved when <see cref="IpBlockDraft.Confirmed"/> says the administrator means it.
    /// </summary>
    public async Task<IpBlockChange> AddAsync(AuditActor actor, IpBlockDraft draft, IPAddress? administratorAddress)
    {
        await callers.RequireAsync(actor, DeskRoles.ItAdmin);
        ArgumentNullException.ThrowIfNull(draft);
        if (!IpRange.TryParse(draft.Range, out var range, out var rangeError))
        {
            return IpBlockChange.Failed($"IpRange_{rangeError}");
        }

        if (ValidateReasonAndExpiry(draft, out var expiresAt) is { } problem)
        {
            return IpBlockChange.Failed(problem);
        }

        if (!draft.Confirmed)
        {
            if (range.CoversEverything)
            {
                return IpBlockChange.NeedsConfirmation(IpBlockWarnings.CoversEveryone);
            }

            if (administratorAddress is not null && range.Contains(administratorAddress))
            {
                return IpBlockChange.NeedsConfirmation(IpBlockWarnings.CoversYou);
            }
        }

        var block = new IpBlock
        {
            Range = range.ToString(),
            Reason = draft.Reason.Trim(),
            CreatedAt = time.GetStoredUtcNow(),
            CreatedBy = actor.Name,
            CreatedById = actor.Id,
            ExpiresAt = expiresAt,
            IsAutomatic = draft.IsAutomatic,
        };
        await using var db = await dbFactory.CreateDbContextAsync();
        db.IpBlocks.Add(block);
        audit.Record(db, actor, AuditActions.IpBlockAdded, block.Range, $"{block.Reason} · {Describe(expiresAt)}");
        await db.SaveChangesAsync();
        await notifier.PublishAsync(new IpBlockAdded(block.Id, block.Range));
        return IpBlockChange.Done(block);
    }

    public async Task<IpBlockChange> UpdateAsync(AuditActor actor, int id, IpBlockDraft draft)
    {
        await callers.RequireAsync(actor, DeskRoles.ItAdmin);
        ArgumentNullException.ThrowIfNull(draft);
        if (ValidateReasonAndExpiry(draft, out var expiresAt) is { } problem)
        {
            return IpBlockChange.Failed(problem);
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var block = await db.IpBlocks.FindAsync(id);
        if (block is null)
        {
            return IpBlockChange.Failed(IpBlockErrors.NotFound);
        }

        block.Reason = draft.Reason.Trim();
        block.ExpiresAt = expiresAt;
        audit.Record(db, actor, AuditActions.IpBlockChanged, block.Range, $"{block.Reason} · {Describe(expiresAt)}");
        await db.SaveChangesAsync();
        await notifier.PublishAsync(new IpBlockAdded(block.Id, block.Range));
        return IpBlockChange.Done(block);
    }

    public async Task RemoveAsync(AuditActor actor, int id)
    {
        await callers.RequireAsync(actor, DeskRoles.ItAdmin);
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.IpBlocks.FindAsync(id) is not { } block)
        {
            return;
        }

        db.IpBlocks.Remove(block);
        audit.Record(db, actor, AuditActions.IpBlockRemoved, block.Range, block.Reason);
        await db.SaveChangesAsync();
        await notifier.PublishAsync(new IpBlockLifted(block.Id, block.Range));
    }

    /// <summary>Adds the file's blocks, updating the reason and expiry of ranges already listed. All rows or none.</summary>
    public async Task<int> ImportAsync(AuditActor actor, IReadOnlyList<IpBlock> rows)
    {
        await callers.RequireAsync(actor, DeskRoles.ItAdmin);
        ArgumentNullException.ThrowIfNull(rows);
        await using var db = await dbFactory.CreateDbContextAsync();
        var ranges = rows.Select(r => r.Range).ToList();
        var existing = await db.IpBlocks.Where(b => ranges.Contains(b.Range)).ToDictionaryAsync(b => b.Range);
        var now = time.GetStoredUtcNow();
        foreach (var row in rows)
        {
            if (existing.TryGetValue(row.Range, out var block))
            {
                block.Reason = row.Reason;
                block.ExpiresAt = row.ExpiresAt;
            }
            else
            {
                db.IpBlocks.Add(new IpBlock
                {
                    Range = row.Range,
                    Reason = row.Reason,
                    ExpiresAt = row.ExpiresAt,
                    CreatedAt = row.CreatedAt == default ? now : row.CreatedAt,
                    CreatedBy = string.IsNullOrWhiteSpace(row.CreatedBy) ? actor.Name : row.CreatedBy,
                    CreatedById = string.IsNullOrWhiteSpace(row.CreatedBy) ? actor.Id : null,
                    IsAutomatic = row.IsAutomatic,
                    Hits = row.Hits,
                    LastHitAt = row.LastHitAt,
                });
            }
        }

        audit.Record(db, actor, AuditActions.IpBlocksImported, details: $"{rows.Count} / {existing.Count}");
        await db.SaveChangesAsync();
        foreach (var row in rows)
        {
            await notifier.PublishAsync(new IpBlockAdded(0, row.Range));
        }

        return rows.Count;
    }

    private string? ValidateReasonAndExpiry(IpBlockDraft draft, out DateTimeOffset? expiresAt)
    {
        if (!BlockExpiry.TryFrom(draft.Duration, time.GetStoredUtcNow(), draft.Until, out expiresAt, out var expiryError))
        {
            return $"BlockExpiry_{expiryError}";
        }

        return string.IsNullOrWhiteSpace(draft.Reason) || draft.Reason.Trim().Length > IpBlock.MaxReasonLength ? IpBlockErrors.Reason : null;
    }

    private static string Describe(DateTimeOffset? expiresAt) =>
        expiresAt is { } at ? at.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : "permanent";
}

/// <summary>What the block dialog submits.</summary>
public sealed record IpBlockDraft(
    string Range, string Reason, BlockDuration Duration, DateTimeOffset? Until = null, bool Confirmed = false, bool IsAutomatic = false);

public sealed record IpBlockChange(bool Succeeded, string? Error, string? Warning, IpBlock? Block)
{
    public static IpBlockChange Done(IpBlock block) => new(true, null, null, block);

    public static IpBlockChange Failed(string error) => new(false, error, null, null);

    public static IpBlockChange NeedsConfirmation(string warning) => new(false, null, warning, null);
}

public static class IpBlockErrors
{
    public const string Reason = "IpBlock_Reason";
    public const string NotFound = "IpBlock_NotFound";
}

public static class IpBlockWarnings
{
    public const string CoversEveryone = "IpBlock_CoversEveryone";
    public const string CoversYou = "IpBlock_CoversYou";
}

/// <summary>A block was added or changed: live connections from its addresses must go.</summary>
public sealed record IpBlockAdded(int BlockId, string Range);

/// <summary>A block was lifted: its addresses are let in again.</summary>
public sealed record IpBlockLifted(int BlockId, string Range);
