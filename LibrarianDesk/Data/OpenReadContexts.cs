using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Data;

/// <summary>
/// Contexts whose connection stays open between uses, for the desk's most frequent read: every open
/// workspace reads each new line of its conversation as it arrives. EF's SQLite provider registers a dozen
/// functions on a connection each time it is opened and removes them each time it is closed; opening a
/// pooled context's connection for every line was a third of everything the desk allocated under chat load
/// (docs/performance.md, "What was tried"). Only no-tracking reads belong here: a context is handed to one
/// caller at a time and keeps no state between them. A context whose read failed is disposed, not kept.
/// On PostgreSQL (<paramref name="keepOpen"/> false) each read takes a pooled context and returns it: opening
/// costs nothing there, and an idle kept-open connection would hold one of the server's connection slots.
/// </summary>
public sealed class OpenReadContexts(IDbContextFactory<DeskDbContext> dbFactory, bool keepOpen = true) : IAsyncDisposable
{
    // Enough for the reads that overlap on a small server; any beyond it are closed when returned.
    private static readonly int MaxIdle = Math.Max(4, 2 * Environment.ProcessorCount);

    private readonly ConcurrentBag<DeskDbContext> idle = [];
    private bool disposed;

    /// <summary>Runs <paramref name="read"/> on a context whose connection is already open.</summary>
    public async Task<T> ReadAsync<T>(Func<DeskDbContext, CancellationToken, Task<T>> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!keepOpen)
        {
            await using var pooled = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await read(pooled, cancellationToken);
        }

        if (!idle.TryTake(out var db))
        {
            db = await dbFactory.CreateDbContextAsync(cancellationToken);
            try
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
            }
            catch
            {
                await db.DisposeAsync();
                throw;
            }
        }

        T result;
        try
        {
            result = await read(db, cancellationToken);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }

        if (disposed || idle.Count >= MaxIdle)
        {
            await db.DisposeAsync();
        }
        else
        {
            idle.Add(db);
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        disposed = true;
        while (idle.TryTake(out var db))
        {
            await db.DisposeAsync();
        }
    }
}
