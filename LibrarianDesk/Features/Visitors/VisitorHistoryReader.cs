namespace LibrarianDesk.Features.Visitors;

/// <summary>
/// Looks up each new visitor's history one at a time, so a crowd arriving at once costs a queue of
/// small queries instead of a query per Hello (or a thread per visitor).
/// </summary>
internal sealed class VisitorHistoryReader(VisitorService visitors, VisitorHistory history, ILogger<VisitorHistoryReader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var visitorId in visitors.Newcomers.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await visitors.ApplyHistoryAsync(visitorId, await history.LookUpAsync(visitorId, stoppingToken));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not look up the history of visitor {VisitorId}", visitorId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
