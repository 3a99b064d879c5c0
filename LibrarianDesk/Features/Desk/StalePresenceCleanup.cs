namespace LibrarianDesk.Features.Desk;

/// <summary>
/// At start, after the database is ready: an account still Online or Away without being an active
/// librarian (the Librarian role removed by an earlier version, or the rule newer than the state)
/// becomes Offline, so it neither opens the desk to patrons nor shows as staffing it.
/// </summary>
internal sealed class StalePresenceCleanup(PresenceService presence) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => presence.ClearNonLibrariansAsync(cancellationToken: cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
