using LibrarianDesk.Data;

namespace LibrarianDesk.Hosting;

/// <summary>
/// Background work done every <see cref="Interval"/>: the one timer loop of the desk's periodic services.
/// The timer runs on the injected <see cref="TimeProvider"/>, so tests move it with a fake clock. A round
/// that fails is logged and the next round runs as usual (a database busy for a moment must not stop the
/// desk's clock); stopping the host ends the loop without a log line.
/// </summary>
/// <param name="oneServerAtATime">
/// Given for work that must run on only one server at a time (it changes shared rows for everyone);
/// each round runs only while this server holds the lease, and a stopping server gives it up. Null for work
/// about this server's own state (its circuits, its widgets, its database file), which runs on every server.
/// </param>
public abstract partial class PeriodicWork(TimeProvider time, ILogger logger, IPeriodicWorkLease? oneServerAtATime = null)
    : BackgroundService
{
    // Whether this server won the lease at its last round: only then has it one to give up when it stops.
    private volatile bool holdsLease;

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

    /// <summary>Ends the loop, then gives up the lease if this server holds it, so another server takes over at its next round.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (oneServerAtATime is null || !holdsLease)
        {
            return;
        }

        try
        {
            await oneServerAtATime.ReleaseAsync(GetType().Name, cancellationToken);
            holdsLease = false;
        }
        catch (Exception ex)
        {
            // The lease then lapses at its expiry instead; a stop the host hurries (its timeout cancelled the token)
            // must still stop, not fail.
            LogReleaseFailed(logger, ex, GetType().Name);
        }
    }

    private async Task RoundAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        try
        {
            if (oneServerAtATime is not null)
            {
                holdsLease = await oneServerAtATime.TryAcquireAsync(GetType().Name, interval, stoppingToken);
            }

            if (oneServerAtATime is null || holdsLease)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give up the lease of {Work}; it lapses at its expiry")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string work);
}

/// <summary>
/// Decides which server runs a round of <see cref="PeriodicWork"/> that must run on only one server at a time:
/// <see cref="InProcessPeriodicWorkLease"/> where the desk is one process (SQLite), <see cref="DatabaseWorkLease"/>
/// where several servers share a PostgreSQL database.
/// </summary>
public interface IPeriodicWorkLease
{
    /// <summary>
    /// Whether this server runs the coming round of <paramref name="work"/>; a lease taken here should last
    /// a little longer than one <paramref name="interval"/>, so the holder keeps it round after round and another
    /// server takes over soon after this one stops renewing it.
    /// </summary>
    ValueTask<bool> TryAcquireAsync(string work, TimeSpan interval, CancellationToken cancellationToken);

    /// <summary>Gives up this server's lease of <paramref name="work"/> (a stopping server), so another takes it at once.</summary>
    ValueTask ReleaseAsync(string work, CancellationToken cancellationToken);
}

/// <summary>One process is the only server: it always holds the lease.</summary>
public sealed class InProcessPeriodicWorkLease : IPeriodicWorkLease
{
    public ValueTask<bool> TryAcquireAsync(string work, TimeSpan interval, CancellationToken cancellationToken) => ValueTask.FromResult(true);

    public ValueTask ReleaseAsync(string work, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

public static class PeriodicWorkServiceCollectionExtensions
{
    /// <summary>
    /// The lease every one-server-at-a-time <see cref="PeriodicWork"/> asks: a row in the database on PostgreSQL (where
    /// several servers are possible), always granted on SQLite (one process).
    /// </summary>
    public static WebApplicationBuilder AddPeriodicWork(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DeskServer>();
        builder.Services.AddSingleton<IPeriodicWorkLease>(sp => sp.GetRequiredService<DeskDatabase>().Provider == DatabaseProvider.PostgreSql
            ? ActivatorUtilities.CreateInstance<DatabaseWorkLease>(sp)
            : new InProcessPeriodicWorkLease());
        return builder;
    }
}
