using LibrarianDesk.Features.Desk;
using LibrarianDesk.Hosting;
using LibrarianDesk.Shared.Contracts;

namespace LibrarianDesk.Realtime;

/// <summary>
/// Tells every connected widget when the desk opens or closes: on presence and schedule changes (on the server
/// where they happen), and on the clock (opening time arrives with nobody clicking anything). The broadcast reaches
/// the widgets on every server (through the SignalR backplane where there are several), so the clock's round runs
/// on one server at a time (the registered <see cref="IPeriodicWorkLease"/>). The last status sent is this server's
/// own memory: a server that did not send a change itself sends the same status once more at its next round, which
/// a widget shows as no change.
/// </summary>
internal sealed class PatronDeskStatusBroadcaster(
    DeskNotifier notifier, DeskStatusService deskStatus, PatronPush patrons, TimeProvider time,
    ILogger<PatronDeskStatusBroadcaster> logger, IPeriodicWorkLease lease) : PeriodicWork(time, logger, lease)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private DeskStatusInfo? lastSent;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    // Widgets connected before the first tick learn the status at once.
    protected override bool RunsAtStart => true;

    // CheckAsync logs its own failures (the events call it too); this is only for a round that fails around it.
    protected override string FailureMessage => "Could not tell the widgets the desk status";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var presence = notifier.SubscribeWhereRaised<PresenceChanged>(_ => CheckAsync(stoppingToken));
        using var schedule = notifier.SubscribeWhereRaised<ServiceHoursChanged>(_ => CheckAsync(stoppingToken));
        await base.ExecuteAsync(stoppingToken);
    }

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => CheckAsync(cancellationToken);

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
