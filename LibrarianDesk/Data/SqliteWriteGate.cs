namespace LibrarianDesk.Data;

/// <summary>
/// Lets one hot-path write at a time reach SQLite from this process. SQLite has a single writer; when
/// several connections ask for the write lock at once, the losers sleep in SQLite's busy handler with
/// growing back-off (up to 100 ms a try) and the chat stalls under load (see docs/performance.md).
/// Waiting here instead is a queue with no sleeps. Readers are not gated (WAL lets them run beside the writer).
/// </summary>
public sealed class SqliteWriteGate : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        return new Lease(gate);
    }

    public void Dispose() => gate.Dispose();

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
