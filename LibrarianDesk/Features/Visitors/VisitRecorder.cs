using System.Threading.Channels;
using LibrarianDesk.Data;
using LibrarianDesk.Shared.Visitors;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Visitors;

/// <summary>
/// Writes ended visits for analytics off the hub's path: a departure only queues its row, and the rows
/// queued meanwhile are inserted together in one transaction.
/// </summary>
public sealed class VisitRecorder(IDbContextFactory<DeskDbContext> dbFactory, ILogger<VisitRecorder> logger) : BackgroundService
{
    private const int MaxBatch = 500;
    private readonly Channel<Visit> pending = Channel.CreateUnbounded<Visit>(new UnboundedChannelOptions { SingleReader = true });
    private long written;

    public void Record(Visit visit) => pending.Writer.TryWrite(visit);

    /// <summary>Visits written since start-up (tests wait on it instead of sleeping).</summary>
    public long Written => Interlocked.Read(ref written);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Visit>(MaxBatch);
        try
        {
            while (await pending.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && pending.Reader.TryRead(out var visit))
                {
                    batch.Add(visit);
                }

                await WriteAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: visits still queued are lost with the rest of the live state.
        }
    }

    private async Task WriteAsync(List<Visit> batch, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            db.Visits.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            Interlocked.Add(ref written, batch.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not record {Count} visits", batch.Count);
        }
    }
}
