namespace LibrarianDesk.Data;

/// <summary>
/// Lets one hot-path write at a time reach SQLite from this process. SQLite has a single writer; when
/// several connections ask for the write lock at once, the losers sleep in SQLite's busy handler with
/// growing back-off (up to 100 ms a try) and the chat stalls under load (see docs/performance.md).
/// Waiting here instead is a queue with no sleeps. Readers are not gated (WAL lets them run beside the writer).
/// On PostgreSQL the gate lets everyone through (<paramref name="serialises"/> false): the server takes many
/// writers at once, and what must not race is guarded in the database, where several servers meet.
/// </summary>
public sealed class SqliteWriteGate(bool serialises = true) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken = default)
    {
        if (!serialises)
        {
            return NoLease.Instance;
        }

        await gate.WaitAsync(cancellationToken);
        return new Lease(gate);
    }

    public void Dispose() => gate.Dispose();

    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();

        public void Dispose()
        {
        }
    }

    private sealed class Lease(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
