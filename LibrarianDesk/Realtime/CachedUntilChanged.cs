namespace LibrarianDesk.Realtime;

/// <summary>
/// A value read from the database and kept in memory until an event says it changed: <typeparamref name="TChanged"/> heard from any
/// server, or <see cref="DeskEventsMissed"/> (a server was cut off from Redis and may have missed it). A read that
/// started before a change never keeps what it read. For settings every patron call reads and a supervisor rarely saves.
/// </summary>
public sealed class CachedUntilChanged<T, TChanged> : IDisposable
    where T : class
{
    private readonly IDisposable changed;
    private readonly IDisposable missed;
    private volatile T? cached;
    private long version;

    public CachedUntilChanged(DeskNotifier notifier)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        changed = notifier.Subscribe<TChanged>(_ => Forgotten());
        missed = notifier.Subscribe<DeskEventsMissed>(_ => Forgotten());
    }

    /// <summary>The cached value, or what <paramref name="read"/> reads now (kept unless a change came meanwhile).</summary>
    public async Task<T> GetAsync(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (cached is { } current)
        {
            return current;
        }

        var readVersion = Interlocked.Read(ref version);
        var value = await read(cancellationToken);
        if (Interlocked.Read(ref version) == readVersion)
        {
            cached = value;
        }

        return value;
    }

    /// <summary>Drops the value: the saving server calls it before its event goes out, so it reads the change whatever order it hears things in.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref version);
        cached = null;
    }

    public void Dispose()
    {
        changed.Dispose();
        missed.Dispose();
    }

    private Task Forgotten()
    {
        Forget();
        return Task.CompletedTask;
    }
}
