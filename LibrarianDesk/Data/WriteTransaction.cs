using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace LibrarianDesk.Data;

/// <summary>
/// A transaction whose reads stay true until it commits, because no other such transaction writes in between: what a
/// check-then-insert relies on (one transcript per conversation, one follow-up per missed chat), here or on another
/// server. SQLite gives it by itself (Microsoft.Data.Sqlite begins IMMEDIATE, taking the one write lock); on PostgreSQL
/// each such transaction first takes one transaction-level advisory lock, so they run one at a time across servers.
/// </summary>
public static class WriteTransaction
{
    /// <summary>The advisory lock's key: any constant the desk's servers share ("LDeskWri" in ASCII).</summary>
    private const long LockKey = 0x4C4465736B577269;

    public static async Task<IDbContextTransaction> BeginWriteTransactionAsync(this DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var transaction = await database.BeginTransactionAsync(cancellationToken);
        if (database.IsNpgsql())
        {
            await database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        }

        return transaction;
    }
}
