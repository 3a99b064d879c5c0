using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace LibrarianDesk.Data;

/// <summary>
/// Tells a failure of the storage from a fault in the request or the code: the database busy or locked
/// past the timeout, the disk full, the file read-only, unreadable or impossible to open (SQLite); a
/// serialization failure, a deadlock, a lock not available, the server unreachable, shut down or out of
/// disk (PostgreSQL). Nothing of the request was stored, and the same request may succeed a moment later;
/// EF wraps these (<c>DbUpdateException</c>), so the whole chain of inner exceptions is looked at.
/// </summary>
public static class StorageFailure
{
    private static readonly int[] TransientCodes =
        [raw.SQLITE_BUSY, raw.SQLITE_LOCKED, raw.SQLITE_READONLY, raw.SQLITE_IOERR, raw.SQLITE_FULL, raw.SQLITE_CANTOPEN];

    private static readonly string[] TransientStates =
    [
        PostgresErrorCodes.SerializationFailure, PostgresErrorCodes.DeadlockDetected, PostgresErrorCodes.LockNotAvailable,
        PostgresErrorCodes.AdminShutdown, PostgresErrorCodes.DiskFull,
    ];

    // Class 08: the connection failed or was lost (08000, 08003, 08006, …).
    private const string ConnectionExceptionClass = "08";

    public static bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var current = exception; current is not null; current = current.InnerException)
        {
            // An extended code (SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_WRITE, …) keeps its primary code in the low byte.
            if (current is SqliteException sqlite && TransientCodes.Contains(sqlite.SqliteErrorCode & 0xFF))
            {
                return true;
            }

            if (current is PostgresException postgres
                && (TransientStates.Contains(postgres.SqlState) || postgres.SqlState.StartsWith(ConnectionExceptionClass, StringComparison.Ordinal)))
            {
                return true;
            }

            // The server not reached at all (refused, reset, timed out) is Npgsql's own exception, without a SQL state.
            if (current is NpgsqlException { IsTransient: true } and not PostgresException)
            {
                return true;
            }
        }

        return false;
    }
}
