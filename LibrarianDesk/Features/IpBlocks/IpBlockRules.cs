using System.Net;
using LibrarianDesk.Data;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Blocking;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.IpBlocks;

/// <summary>
/// The blocks as an in-memory rule set, checked on every patron connection and invocation without a
/// database query. The table is the truth and this a cache of it: a block added, changed, imported or lifted on any
/// server (<see cref="IpBlockAdded"/>, <see cref="IpBlockLifted"/>, heard from every server) marks it stale, and the
/// next check reads the table again; one reload covers a whole import. So does <see cref="DeskEventsMissed"/> (a server
/// was cut off from Redis and events may have been lost). Expired blocks stop matching by themselves, on every server alike.
/// </summary>
public sealed class IpBlockRules : IDisposable
{
    private readonly IDbContextFactory<DeskDbContext> dbFactory;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim loading = new(1, 1);
    private readonly IDisposable added;
    private readonly IDisposable lifted;
    private readonly IDisposable missed;
    private volatile IpBlockRuleSet rules = IpBlockRuleSet.Empty;

    // Bumped by every change heard; the rules are current while they were read at the latest version.
    private long version = 1;
    private long loadedVersion;

    public IpBlockRules(IDbContextFactory<DeskDbContext> dbFactory, TimeProvider time, DeskNotifier notifier)
    {
        this.dbFactory = dbFactory;
        this.time = time;
        added = notifier.Subscribe<IpBlockAdded>(_ => Changed());
        lifted = notifier.Subscribe<IpBlockLifted>(_ => Changed());
        missed = notifier.Subscribe<DeskEventsMissed>(_ => Changed());
    }

    /// <summary>The block that stops this address now, if any.</summary>
    public async ValueTask<IpBlock?> MatchAsync(IPAddress? address, CancellationToken cancellationToken = default)
    {
        if (address is null)
        {
            return null;
        }

        if (Interlocked.Read(ref loadedVersion) != Interlocked.Read(ref version))
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

    public void Dispose()
    {
        added.Dispose();
        lifted.Dispose();
        missed.Dispose();
        loading.Dispose();
    }

    private Task Changed()
    {
        Interlocked.Increment(ref version);
        return Task.CompletedTask;
    }

    // One reload at a time, so an older read never replaces a newer one; a change heard during the read leaves the
    // rules stale for the next check.
    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await loading.WaitAsync(cancellationToken);
        try
        {
            var readVersion = Interlocked.Read(ref version);
            if (Interlocked.Read(ref loadedVersion) == readVersion)
            {
                return;
            }

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = time.GetUtcNow();
            var blocks = await db.IpBlocks.AsNoTracking().ToListAsync(cancellationToken);
            rules = new IpBlockRuleSet(blocks.Where(b => b.IsActiveAt(now)));
            Interlocked.Exchange(ref loadedVersion, readVersion);
        }
        finally
        {
            loading.Release();
        }
    }
}
