using LibrarianDesk.Features.Desk;
using LibrarianDesk.Shared.Contracts;

namespace LibrarianDesk.Realtime;

/// <summary>
/// Tells every connected widget when the desk opens or closes: on presence and schedule changes, and
/// on the clock (opening time arrives with nobody clicking anything).
/// </summary>
internal sealed class PatronDeskStatusBroadcaster(
    DeskNotifier notifier, DeskStatusService deskStatus, PatronPush patrons, TimeProvider time,
    ILogger<PatronDeskStatusBroadcaster> logger) : BackgroundService
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private DeskStatusInfo? lastSent;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var presence = notifier.Subscribe<PresenceChanged>(_ => CheckAsync(stoppingToken));
        using var schedule = notifier.Subscribe<ServiceHoursChanged>(_ => CheckAsync(stoppingToken));
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), time);
        await CheckAsync(stoppingToken);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await CheckAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var status = (await deskStatus.GetAsync(cancellationToken)).ToPatronInfo();
            if (status != lastSent)
            {
                lastSent = status;
                await patrons.DeskStatusAsync(status);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not tell the widgets the desk status");
        }
        finally
        {
            gate.Release();
        }
    }

    public override void Dispose()
    {
        gate.Dispose();
        base.Dispose();
    }
}
