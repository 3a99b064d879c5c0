using LibrarianDesk.Features.Desk;
using LibrarianDesk.Hosting;
using LibrarianDesk.Shared.Contracts;

namespace LibrarianDesk.Realtime;

/// <summary>
/// Tells every connected widget when the desk opens or closes: on presence and schedule changes, and
/// on the clock (opening time arrives with nobody clicking anything). With several servers a change is checked on the
/// server where it happened, and its broadcast reaches the widgets on every server through the patron hub's backplane;
/// the clock's round runs on one server at a time (the registered <see cref="IPeriodicWorkLease"/>); what the widgets
/// were last told is shared through <see cref="PatronsToldDeskStatus"/>, so no server skips a change because it
/// remembers an older status of its own.
/// </summary>
internal sealed class PatronDeskStatusBroadcaster(
    DeskNotifier notifier, DeskStatusService deskStatus, PatronPush patrons, TimeProvider time,
    ILogger<PatronDeskStatusBroadcaster> logger, IPeriodicWorkLease lease) : PeriodicWork(time, logger, lease)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile DeskStatusInfo? lastSent;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    // Widgets connected before the first tick learn the status at once.
    protected override bool RunsAtStart => true;

    // CheckAsync logs its own failures (the events call it too); this is only for a round that fails around it.
    protected override string FailureMessage => "Could not tell the widgets the desk status";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var presence = notifier.SubscribeWhereRaised<PresenceChanged>(_ => CheckAsync(stoppingToken));
        using var schedule = notifier.SubscribeWhereRaised<ServiceHoursChanged>(_ => CheckAsync(stoppingToken));

        // Not under the gate: a check publishes this while holding it, and hears it here itself.
        using var told = notifier.Subscribe<PatronsToldDeskStatus>(t =>
        {
            lastSent = t.Status;
            return Task.CompletedTask;
        });
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
                await notifier.PublishAsync(new PatronsToldDeskStatus(status));
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

/// <summary>The widgets on every server were told this desk status (by the server that noticed the change).</summary>
internal sealed record PatronsToldDeskStatus(DeskStatusInfo Status);
