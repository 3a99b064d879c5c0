using System.Net;
using System.Net.Sockets;
using LibrarianDesk.Data;
using LibrarianDesk.Shared.Members;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LibrarianDesk.Tests.Data;

/// <summary>
/// PostgreSQL's own errors, raised by a real server, read the way the desk reads SQLite's: a taken unique key is a
/// race the loser reads back (<see cref="UniqueViolation"/>), and a lock, a conflict, a lost connection or an
/// unreachable server is a storage failure the same request may get past a moment later (<see cref="StorageFailure"/>).
/// </summary>
public sealed class PostgreSqlErrorTests(PostgreSqlDeskApp app) : IClassFixture<PostgreSqlDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_second_row_with_a_taken_unique_key_is_a_unique_violation_not_a_storage_failure()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var number = await AddMemberAsync();

        await using var db = app.CreateDbContext();
        db.Members.Add(NewMember(number));
        var refused = await FluentActions.Awaiting(() => db.SaveChangesAsync(Cancel)).Should().ThrowAsync<DbUpdateException>();

        UniqueViolation.Is(refused.Which).Should().BeTrue();
        StorageFailure.IsTransient(refused.Which).Should().BeFalse("the same insert fails the same way every time");
    }

    [Fact]
    public async Task A_row_locked_past_the_lock_timeout_is_a_storage_failure()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var number = await AddMemberAsync();
        await using var holder = await OpenAsync();
        await using var holding = await holder.BeginTransactionAsync(Cancel);
        await ExecuteAsync(holder, $"""SELECT 1 FROM "Members" WHERE "MemberNumber" = '{number}' FOR UPDATE""");

        await using var db = app.CreateDbContext();
        await db.Database.OpenConnectionAsync(Cancel);
        await db.Database.ExecuteSqlRawAsync("SET lock_timeout = '100ms'", Cancel);
        (await db.Members.SingleAsync(m => m.MemberNumber == number, Cancel)).FullName = "Ratna Dewi Lestari";
        // Npgsql's execution strategy wraps what it deems transient in an InvalidOperationException around EF's DbUpdateException.
        var refused = await FluentActions.Awaiting(() => db.SaveChangesAsync(Cancel)).Should().ThrowAsync<Exception>();

        Chain(refused.Which).OfType<PostgresException>().Should().ContainSingle().Which.SqlState.Should().Be(PostgresErrorCodes.LockNotAvailable);
        StorageFailure.IsTransient(refused.Which).Should().BeTrue();
    }

    [Fact]
    public async Task A_write_conflicting_with_a_repeatable_read_snapshot_is_a_storage_failure()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var number = await AddMemberAsync();
        await using var reader = await OpenAsync();
        await using var snapshot = await reader.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, Cancel);
        await ExecuteAsync(reader, $"""SELECT "FullName" FROM "Members" WHERE "MemberNumber" = '{number}'""");
        await using (var other = await OpenAsync())
        {
            await ExecuteAsync(other, $"""UPDATE "Members" SET "FullName" = 'Ratna' WHERE "MemberNumber" = '{number}'""");
        }

        var refused = await FluentActions.Awaiting(() => ExecuteAsync(reader, $"""UPDATE "Members" SET "FullName" = 'Dewi' WHERE "MemberNumber" = '{number}'"""))
            .Should().ThrowAsync<PostgresException>();

        refused.Which.SqlState.Should().Be(PostgresErrorCodes.SerializationFailure);
        StorageFailure.IsTransient(refused.Which).Should().BeTrue();
    }

    [Fact]
    public async Task Two_writers_waiting_on_each_other_get_a_deadlock_that_is_a_storage_failure()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var (first, second) = (await AddMemberAsync(), await AddMemberAsync());
        await using var one = await OpenAsync();
        await using var two = await OpenAsync();
        await using var oneTransaction = await one.BeginTransactionAsync(Cancel);
        await using var twoTransaction = await two.BeginTransactionAsync(Cancel);
        await ExecuteAsync(one, Rename(first));
        await ExecuteAsync(two, Rename(second));

        // Each now waits for the row the other holds; the server ends one of them.
        var outcomes = await Task.WhenAll(Attempt(one, Rename(second)), Attempt(two, Rename(first)));

        var deadlock = outcomes.OfType<PostgresException>().Should().ContainSingle().Subject;
        deadlock.SqlState.Should().Be(PostgresErrorCodes.DeadlockDetected);
        StorageFailure.IsTransient(deadlock).Should().BeTrue();

        static string Rename(string number) => $"""UPDATE "Members" SET "FullName" = 'Bergantian' WHERE "MemberNumber" = '{number}'""";

        static async Task<Exception?> Attempt(NpgsqlConnection connection, string sql)
        {
            try
            {
                await ExecuteAsync(connection, sql);
                await using var commit = new NpgsqlCommand("COMMIT", connection);
                await commit.ExecuteNonQueryAsync(Cancel);
                return null;
            }
            catch (PostgresException failure)
            {
                return failure;
            }
        }
    }

    [Fact]
    public async Task A_connection_the_server_ends_is_a_storage_failure()
    {
        await PostgreSqlDeskApp.RequireAsync();
        await using var victim = await OpenAsync();
        await using (var admin = await OpenAsync())
        {
            await ExecuteAsync(admin, $"SELECT pg_terminate_backend({victim.ProcessID})");
        }

        var lost = await FluentActions.Awaiting(() => ExecuteAsync(victim, "SELECT 1")).Should().ThrowAsync<NpgsqlException>();

        StorageFailure.IsTransient(lost.Which).Should().BeTrue();
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_a_storage_failure()
    {
        await PostgreSqlDeskApp.RequireAsync();
        int closedPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using var unreachable = new NpgsqlConnection(new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = closedPort, Database = "desk", Username = "desk" }.ConnectionString);
        var refused = await FluentActions.Awaiting(() => unreachable.OpenAsync(Cancel)).Should().ThrowAsync<NpgsqlException>();

        StorageFailure.IsTransient(refused.Which).Should().BeTrue();
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(app.PostgreSqlConnectionString);
        await connection.OpenAsync(Cancel);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private async Task<string> AddMemberAsync()
    {
        var number = $"E{Guid.NewGuid():N}"[..16];
        await using var db = app.CreateDbContext();
        db.Members.Add(NewMember(number));
        await db.SaveChangesAsync(Cancel);
        return number;
    }

    private static Member NewMember(string number) => new()
    {
        MemberNumber = number,
        FullName = "Ratna Dewi",
        BirthDate = new DateOnly(1990, 8, 17),
        RegisteredOn = new DateOnly(2024, 1, 1),
        ExpiresOn = new DateOnly(2030, 1, 1),
    };
}
