using LibrarianDesk.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LibrarianDesk.Tests.Data;

public sealed class StorageFailureTests
{
    [Theory]
    [InlineData(5, "database is locked (busy)")]
    [InlineData(6, "database table is locked")]
    [InlineData(8, "attempt to write a readonly database")]
    [InlineData(10, "disk I/O error")]
    [InlineData(13, "database or disk is full")]
    [InlineData(14, "unable to open database file")]
    [InlineData(517, "SQLITE_BUSY_SNAPSHOT, an extended busy code")]
    public void A_storage_failure_is_transient_bare_or_wrapped_by_ef(int code, string what)
    {
        var sqlite = new SqliteException($"SQLite Error {code}: '{what}'.", code);

        StorageFailure.IsTransient(sqlite).Should().BeTrue(what);
        StorageFailure.IsTransient(new DbUpdateException("An error occurred while saving the entity changes.", sqlite)).Should().BeTrue(what);
    }

    [Theory]
    [InlineData("40001", "serialization_failure")]
    [InlineData("40P01", "deadlock_detected")]
    [InlineData("55P03", "lock_not_available")]
    [InlineData("57P01", "admin_shutdown")]
    [InlineData("53100", "disk_full")]
    [InlineData("08006", "connection_failure")]
    [InlineData("08000", "connection_exception")]
    public void A_PostgreSQL_storage_failure_is_transient_bare_or_wrapped_by_ef(string state, string what)
    {
        var postgres = new PostgresException(what, "ERROR", "ERROR", state);

        StorageFailure.IsTransient(postgres).Should().BeTrue(what);
        StorageFailure.IsTransient(new DbUpdateException("An error occurred while saving the entity changes.", postgres)).Should().BeTrue(what);
    }

    [Fact]
    public void A_PostgreSQL_fault_of_the_request_or_the_code_is_not()
    {
        var unique = new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation);
        StorageFailure.IsTransient(new DbUpdateException("saving", unique)).Should().BeFalse("a broken constraint fails the same way every time");
        UniqueViolation.Is(new DbUpdateException("saving", unique)).Should().BeTrue("the loser of a race reads the winner's row");
        StorageFailure.IsTransient(new PostgresException("relation \"Chats\" does not exist", "ERROR", "ERROR", PostgresErrorCodes.UndefinedTable)).Should().BeFalse();
    }

    [Fact]
    public void A_fault_of_the_request_or_the_code_is_not()
    {
        StorageFailure.IsTransient(new DbUpdateException("saving", new SqliteException("SQLite Error 19: 'UNIQUE constraint failed'.", 19)))
            .Should().BeFalse("a broken constraint fails the same way every time");
        StorageFailure.IsTransient(new SqliteException("SQLite Error 1: 'no such table: Chats'.", 1)).Should().BeFalse();
        StorageFailure.IsTransient(new InvalidOperationException("a bug")).Should().BeFalse();
    }
}
