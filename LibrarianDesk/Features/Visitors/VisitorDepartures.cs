using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Visitors;

/// <summary>Settles departures on the clock: a visitor whose last tab closed longer than the grace ago has left.</summary>
internal sealed class VisitorDepartures(VisitorService visitors, IOptionsMonitor<VisitorOptions> options, TimeProvider time, ILogger<VisitorDepartures> logger)
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
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not settle visitor departures");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
