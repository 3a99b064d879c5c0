using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace LibrarianDesk.Data;

/// <summary>
/// Per-connection SQLite settings. WAL lets readers run beside the one writer; the busy timeout makes a
/// writer wait for another instead of failing with "database is locked"; NORMAL sync (the default; FULL
/// when configured) is durable in WAL mode across application crashes, and foreign keys are off in SQLite
/// unless asked for. <c>journal_size_limit</c> cuts the log file back to 64 MB whenever SQLite starts
/// reusing it, so a burst that grew it does not keep the disk space for good.
/// These settings belong to the native connection and survive its return to the pool, so each is set
/// once per native connection: EF opens a pooled connection for every query, and three PRAGMAs each
/// time cost more than the chat's own statements (docs/performance.md). No commit copies the log into
/// the database file (<c>wal_autocheckpoint = 0</c>): <see cref="WalCheckpointer"/> does, off the chat's path.
/// </summary>
internal sealed class SqliteConnectionPragmas(DatabaseOptions options) : DbConnectionInterceptor
{
    public const long JournalSizeLimitBytes = 64 * 1024 * 1024;

    private readonly ConditionalWeakTable<sqlite3, object> configured = [];

    private readonly string pragmas = string.Create(CultureInfo.InvariantCulture,
        $"PRAGMA busy_timeout = {options.BusyTimeoutMilliseconds}; PRAGMA foreign_keys = ON; " +
        $"PRAGMA synchronous = {(options.DatabaseSynchronous == DatabaseSynchronous.Full ? "FULL" : "NORMAL")}; " +
        $"PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = {JournalSizeLimitBytes};");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!IsConfigured(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            command.ExecuteNonQuery();
            Remember(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!IsConfigured(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Remember(connection);
        }
    }

    private bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && configured.TryGetValue(handle, out _);

    private void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            configured.AddOrUpdate(handle, this);
        }
    }
}
