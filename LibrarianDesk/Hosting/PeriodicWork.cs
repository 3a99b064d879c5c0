namespace LibrarianDesk.Hosting;

/// <summary>
/// Background work done every <see cref="Interval"/>: the one timer loop of the desk's periodic services.
/// The timer runs on the injected <see cref="TimeProvider"/>, so tests move it with a fake clock. A round
/// that fails is logged and the next round runs as usual (a database busy for a moment must not stop the
/// desk's clock); stopping the host ends the loop without a log line.
/// </summary>
/// <param name="oneServerAtATime">
/// Given for work that must run on only one server at a time (it changes shared rows for everyone);
/// each round runs only while this server holds the lease. Null for work about this server's own state
/// (its circuits, its widgets, its database file), which runs on every server.
/// </param>
public abstract partial class PeriodicWork(TimeProvider time, ILogger logger, IPeriodicWorkLease? oneServerAtATime = null)
    : BackgroundService
{
    /// <summary>The clock the timer runs on, for the work's own reading of the time.</summary>
    protected TimeProvider Time { get; } = time;

    /// <summary>Time between rounds; read once, when the loop starts (the services' options are read there too).</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Whether a round runs as soon as the loop starts, before the first interval has passed.</summary>
    protected virtual bool RunsAtStart => false;

    /// <summary>What the log says when a round fails, in the words of the work: "Could not …".</summary>
    protected abstract string FailureMessage { get; }

    /// <summary>One round of the work.</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = Interval;
        using var timer = new PeriodicTimer(interval, Time);
        try
        {
            if (RunsAtStart)
            {
                await RoundAsync(interval, stoppingToken);
            }

            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RoundAsync(interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RoundAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        try
        {
            if (oneServerAtATime is null || await oneServerAtATime.TryAcquireAsync(GetType().Name, interval, stoppingToken))
            {
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRoundFailed(logger, ex, FailureMessage);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failure}")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, string failure);
}

/// <summary>
/// Decides which server runs a round of <see cref="PeriodicWork"/> that must run on only one server at a
/// time. The desk runs as one process today (<see cref="InProcessPeriodicWorkLease"/>); the several-servers
/// work replaces this registration with a lease the servers share (a row in the database, for example).
/// </summary>
public interface IPeriodicWorkLease
{
    /// <summary>
    /// Whether this server runs the coming round of <paramref name="work"/>; a lease taken here should last
    /// about one <paramref name="interval"/>, so another server takes over when this one stops renewing it.
    /// </summary>
    ValueTask<bool> TryAcquireAsync(string work, TimeSpan interval, CancellationToken cancellationToken);
}

/// <summary>One process is the only server: it always holds the lease.</summary>
public sealed class InProcessPeriodicWorkLease : IPeriodicWorkLease
{
    public ValueTask<bool> TryAcquireAsync(string work, TimeSpan interval, CancellationToken cancellationToken) => ValueTask.FromResult(true);
}

public static class PeriodicWorkServiceCollectionExtensions
{
    /// <summary>The lease every one-server-at-a-time <see cref="PeriodicWork"/> asks; the place the several-servers work fills.</summary>
    public static WebApplicationBuilder AddPeriodicWork(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DeskServer>();
        builder.Services.AddSingleton<IPeriodicWorkLease, InProcessPeriodicWorkLease>();
        return builder;
    }
}
