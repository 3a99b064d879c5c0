namespace LibrarianDesk.Hosting;

/// <summary>
/// This server process among the desk's servers: the name its leases, heartbeats and bus messages carry. New at every
/// start (host name, process id and a random part), so a restarted server never mistakes another's rows for its own.
/// </summary>
public sealed class DeskServer
{
    public const int MaxIdLength = 64;

    public string Id { get; } = $"{HostName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    private static string HostName => Environment.MachineName.Length <= 40 ? Environment.MachineName : Environment.MachineName[..40];
}
