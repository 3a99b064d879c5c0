using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Visitors;

/// <summary>
/// What happens to visitors with nobody doing anything: every <see cref="VisitorOptions.CheckInterval"/>
/// the visits whose grace has passed end, and the automatic greetings that are due go out.
/// </summary>
internal sealed class VisitorClock(
    VisitorService visitors, GreetingTriggerEvaluator triggers, IOptionsMonitor<VisitorOptions> options, TimeProvider time, ILogger<VisitorClock> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.CheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await visitors.SettleDeparturesAsync();
                    await triggers.EvaluateAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not settle departures or send automatic greetings");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
