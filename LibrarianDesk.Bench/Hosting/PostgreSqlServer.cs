using Npgsql;

namespace LibrarianDesk.Bench.Hosting;

/// <summary>
/// The PostgreSQL server named by <c>--postgres</c>: each desk the bench starts gets a new, empty database on it
/// (the desk migrates and seeds it as on first start), dropped when that desk stops.
/// </summary>
public sealed class PostgreSqlServer(string adminConnectionString)
{
    /// <summary>Creates a database with a unique name; returns its connection string (the admin's role and server).</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "librariandesk_bench_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database of <paramref name="connectionString"/>, closing what still uses it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(connectionString).Database} WITH (FORCE)");
    }

    /// <summary>Host and port only: the connection string may hold a password.</summary>
    public static string Describe(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL at {target.Host}:{target.Port}";
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
