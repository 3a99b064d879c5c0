namespace LibrarianDesk.Realtime;

/// <summary>
/// Turns a burst of desk events into one refresh: the first request schedules a refresh after a
/// short delay, requests until then join it, and requests during the refresh schedule the next one.
/// So a screen re-reads at most a few times per second however busy the desk is.
/// </summary>
public sealed class RefreshCoalescer(Func<Task> refresh, TimeSpan delay, TimeProvider time) : IDisposable
{
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopping = new();
    private bool scheduled;

    public void Request()
    {
        lock (gate)
        {
            if (scheduled || stopping.IsCancellationRequested)
            {
                return;
            }

            scheduled = true;
        }

        _ = RunAsync(stopping.Token);
    }

    /// <summary>For event handlers: requests a refresh and returns at once.</summary>
    public Task RequestAsync()
    {
        Request();
        return Task.CompletedTask;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
            lock (gate)
            {
                scheduled = false;
            }

            await refresh();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed: the screen is gone.
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            stopping.Cancel();
        }

        stopping.Dispose();
    }
}
