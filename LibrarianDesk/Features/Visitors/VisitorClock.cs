using LibrarianDesk.Hosting;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Visitors;

/// <summary>
/// What happens to visitors with nobody doing anything: every <see cref="VisitorOptions.CheckInterval"/>
/// the visits whose grace has passed end, the list goes to the other servers if it changed, and the automatic
/// greetings that are due go out.
/// </summary>
internal sealed class VisitorClock(
    VisitorService visitors, VisitorDirectory directory, GreetingTriggerEvaluator triggers, IOptionsMonitor<VisitorOptions> options, TimeProvider time, ILogger<VisitorClock> logger)
    : PeriodicWork(time, logger)
{
    protected override TimeSpan Interval => options.CurrentValue.CheckInterval;

    protected override string FailureMessage => "Could not settle departures or send automatic greetings";

    // Visitors live in this server's memory, so every server settles, shares and greets its own: no lease.
    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await visitors.SettleDeparturesAsync();
        await directory.ShareAsync();
        await triggers.EvaluateAsync(cancellationToken);
    }
}
