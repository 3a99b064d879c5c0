namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>Awaits a condition that another thread makes true (a background service, a push), failing after a few seconds.</summary>
public static class Eventually
{
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? patience = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return TrueAsync(() => Task.FromResult(condition()), what, patience);
    }

    /// <summary>The same for a condition that has to ask (the database, a request to a server).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var timeout = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            try
            {
                await Task.Delay(20, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Still not true after waiting: {what}");
            }
        }
    }
}
