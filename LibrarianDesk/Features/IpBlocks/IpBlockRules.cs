using System.Net;
using LibrarianDesk.Data;
using LibrarianDesk.Shared.Blocking;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.IpBlocks;

/// <summary>
/// The blocks as an in-memory rule set, checked on every patron connection and invocation without a
/// database query; rebuilt whenever the list changes. Expired blocks stop matching by themselves.
/// </summary>
public sealed class IpBlockRules(IDbContextFactory<DeskDbContext> dbFactory, TimeProvider time)
{
    private volatile IpBlockRuleSet rules = IpBlockRuleSet.Empty;
    private volatile bool loaded;

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var blocks = await db.IpBlocks.AsNoTracking().ToListAsync(cancellationToken);
        rules = new IpBlockRuleSet(blocks.Where(b => b.IsActiveAt(now)));
        loaded = true;
    }

    /// <summary>The block that stops this address now, if any.</summary>
    public async ValueTask<IpBlock?> MatchAsync(IPAddress? address, CancellationToken cancellationToken = default)
    {
        if (address is null)
        {
            return null;
        }

        if (!loaded)
        {
            await ReloadAsync(cancellationToken);
        }

        return rules.Match(address, time.GetUtcNow());
    }

    /// <summary>Counts a refused attempt on the block (hits and last hit show in the panel).</summary>
    public async Task RecordHitAsync(int blockId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var now = time.GetStoredUtcNow();
        await db.IpBlocks.Where(b => b.Id == blockId)
            .ExecuteUpdateAsync(b => b.SetProperty(x => x.Hits, x => x.Hits + 1).SetProperty(x => x.LastHitAt, now));
    }
}
