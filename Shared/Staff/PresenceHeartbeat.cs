namespace LibrarianDesk.Shared.Staff;

/// <summary>
/// One server's report of a librarian's desk tabs (the Blazor circuits it holds): how many were open at
/// <see cref="RenewedAt"/>. A server renews its rows every few seconds while tabs are open; a row with none says
/// when the last tab there went. A row that stops being renewed belongs to a server that is gone.
/// </summary>
public sealed class PresenceHeartbeat
{
    /// <summary>The reporting server's name (<c>DeskServer.Id</c>), new at each start.</summary>
    public string ServerId { get; set; } = "";

    public string LibrarianId { get; set; } = "";

    public int OpenTabs { get; set; }

    public DateTimeOffset RenewedAt { get; set; }

    /// <summary>
    /// Until when this row shows the librarian with a tab: open tabs until the row expires (a server that stops
    /// renewing has crashed, and its tabs count as gone from then), closed ones since <see cref="RenewedAt"/>.
    /// </summary>
    public DateTimeOffset TabsSeenUntil(TimeSpan expiry) => OpenTabs > 0 ? RenewedAt + expiry : RenewedAt;
}
