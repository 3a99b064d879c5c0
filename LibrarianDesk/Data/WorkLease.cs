namespace LibrarianDesk.Data;

/// <summary>
/// Which server runs a periodic work (<c>Hosting/PeriodicWork</c>) that must run on one server at a time, and until
/// when: the row the servers' <c>DatabaseWorkLease</c> takes, renews and gives up. Used on PostgreSQL only.
/// </summary>
public sealed class WorkLease
{
    public const int MaxNameLength = 100;

    /// <summary>The work's name (its type's name).</summary>
    public string Name { get; set; } = "";

    /// <summary>The holding server's <c>DeskServer.Id</c>.</summary>
    public string Holder { get; set; } = "";

    /// <summary>After this instant any server may take the lease over.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
