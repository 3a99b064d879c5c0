using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LibrarianDesk.Data;

/// <summary>
/// Per-connection SQLite settings. WAL lets readers run beside the one writer; the busy timeout makes a
/// writer wait for another instead of failing with "database is locked"; NORMAL sync is durable in WAL
/// mode across application crashes, and foreign keys are off in SQLite unless asked for.
/// </summary>
internal sealed class SqliteConnectionPragmas(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    private string Pragmas =>
        $"PRAGMA busy_timeout = {busyTimeoutMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
