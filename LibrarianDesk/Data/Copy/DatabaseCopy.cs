using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LibrarianDesk.Data.Copy;

/// <summary>
/// Copies a SQLite desk into an empty PostgreSQL database, rows as they are stored (no desk logic, no seeding): the
/// target is migrated, then every table of the model is copied in foreign-key order, in batches of one transaction each,
/// from one read snapshot of the SQLite file; identity sequences continue after the copied keys; finally every table's
/// row count and checksum (<see cref="TableChecksum"/>) are compared between the two sides.
/// </summary>
internal sealed class DatabaseCopy(string sourceConnectionString, string targetConnectionString, int batchSize, CopyProgress progress)
{
    // What PostgreSQL's own tables and extensions keep: never the desk's rows.
    private const string UserTablesSql = """
        SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') AND table_name <> '__EFMigrationsHistory'
        ORDER BY table_schema, table_name
        """;

    private TextWriter Output => progress.Output;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var source = await OpenSourceAsync(cancellationToken);
        await using var sourceContext = new SqliteDeskDbContext(new DbContextOptionsBuilder<SqliteDeskDbContext>().UseSqlite(source).Options);
        await RequireCurrentSchemaAsync(sourceContext, cancellationToken);

        await using var target = await OpenTargetAsync(cancellationToken);

        // The desks' start-up lock: a desk started on the target meanwhile waits, then finds the copy and seeds nothing.
        await ExecuteAsync(target, $"SELECT pg_advisory_lock({DatabaseInitializer.StartupLockKey})", cancellationToken);
        await RequireEmptyAsync(target, cancellationToken);

        await Output.WriteLineAsync($"From SQLite {source.DataSource} to PostgreSQL (host {target.Host}, port {target.Port}, database {target.Database}).");
        await Output.WriteLineAsync("Migrating the PostgreSQL database…");
        await using var targetContext = new PostgreSqlDeskDbContext(new DbContextOptionsBuilder<PostgreSqlDeskDbContext>().UseNpgsql(target).Options);
        await targetContext.Database.MigrateAsync(cancellationToken);

        var tables = CopyTable.InDependencyOrder(sourceContext.Model, targetContext.Model);
        var copied = new List<(CopyTable Table, long Rows, string Checksum)>();

        // One read transaction: every table comes from the same moment of the SQLite file, even if a desk still writes.
        await using (var snapshot = source.BeginTransaction(deferred: true))
        {
            await Output.WriteLineAsync($"Copying {tables.Count} tables in batches of {batchSize:N0} rows:");
            foreach (var table in tables)
            {
                var (rows, checksum) = await CopyAsync(table, snapshot, target, cancellationToken);
                copied.Add((table, rows, checksum));
            }
        }

        foreach (var table in tables)
        {
            await ContinueSequencesAsync(table, target, cancellationToken);
        }

        await VerifyAsync(copied, target, cancellationToken);
    }

    private async Task<SqliteConnection> OpenSourceAsync(CancellationToken cancellationToken)
    {
        // Read-write without create: a missing file is an error here, not a new empty desk.
        var settings = new SqliteConnectionStringBuilder(sourceConnectionString) { Mode = SqliteOpenMode.ReadWrite };
        var connection = new SqliteConnection(settings.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync();
            throw new CopyRefusedException(CopyExit.SourceNotSqlite, $"Cannot open the desk's SQLite database ({settings.DataSource}): {ex.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static async Task RequireCurrentSchemaAsync(SqliteDeskDbContext source, CancellationToken cancellationToken)
    {
        var pending = (await source.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            throw new CopyRefusedException(CopyExit.SourceNotSqlite,
                $"The desk's SQLite database lacks {pending.Count} migration(s) ({string.Join(", ", pending)}); start the desk on it once to bring it up to date, stop it, then copy.");
        }
    }

    private async Task<NpgsqlConnection> OpenTargetAsync(CancellationToken cancellationToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(targetConnectionString);
        var connection = new NpgsqlConnection(settings.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new CopyRefusedException(CopyExit.TargetUnreachable, DeskDatabase.Unreachable("--to", settings, ex));
        }
    }

    /// <summary>Any table with a row, the desk's or not, makes the target not empty; a schema without rows is fine.</summary>
    private static async Task RequireEmptyAsync(NpgsqlConnection target, CancellationToken cancellationToken)
    {
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(UserTablesSql, target))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(CopyTable.Quote(reader.GetString(0)) + "." + CopyTable.Quote(reader.GetString(1)));
            }
        }

        foreach (var table in tables)
        {
            await using var any = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {table})", target);
            if ((bool)(await any.ExecuteScalarAsync(cancellationToken))!)
            {
                throw new CopyRefusedException(CopyExit.TargetNotEmpty,
                    $"The PostgreSQL database is not empty: table {table} has rows. copy-database only copies into an empty database; nothing was written.");
            }
        }
    }

    private async Task<(long Rows, string Checksum)> CopyAsync(CopyTable table, SqliteTransaction snapshot, NpgsqlConnection target, CancellationToken cancellationToken)
    {
        var source = snapshot.Connection!;
        long total;
        await using (var count = source.CreateCommand())
        {
            count.Transaction = snapshot;
            count.CommandText = table.CountSql;
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var bar = progress.Start(table.Name, total);
        using var checksum = new TableChecksum();
        await using var read = source.CreateCommand();
        read.Transaction = snapshot;
        read.CommandText = table.SelectSql(textKeyCollation: null);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        var batch = new List<object?[]>(batchSize);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = table.ReadRow(reader);
            checksum.Add(row);
            batch.Add(row);
            if (batch.Count == batchSize)
            {
                await WriteBatchAsync(table, batch, target, cancellationToken);
                await bar.AdvanceAsync(checksum.Rows);
            }
        }

        await WriteBatchAsync(table, batch, target, cancellationToken);
        await bar.DoneAsync();
        return (checksum.Rows, checksum.Finish());
    }

    /// <summary>One batch in one transaction, through PostgreSQL's binary COPY.</summary>
    private static async Task WriteBatchAsync(CopyTable table, List<object?[]> batch, NpgsqlConnection target, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        await using var transaction = await target.BeginTransactionAsync(cancellationToken);
        await using (var writer = await target.BeginBinaryImportAsync($"COPY {CopyTable.Quote(table.Name)} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in batch)
            {
                await writer.StartRowAsync(cancellationToken);
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] is { } value)
                    {
                        await writer.WriteAsync(value, table.Columns[i].DataTypeName, cancellationToken);
                    }
                    else
                    {
                        await writer.WriteNullAsync(cancellationToken);
                    }
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        batch.Clear();
    }

    /// <summary>Rows kept their keys, so a generated key column's sequence moves past the largest one copied.</summary>
    private static async Task ContinueSequencesAsync(CopyTable table, NpgsqlConnection target, CancellationToken cancellationToken)
    {
        foreach (var key in table.Key.Where(k => table.Columns.Single(c => c.Name == k).Type is var t && (t == typeof(int) || t == typeof(long) || t == typeof(short))))
        {
            var name = CopyTable.Quote(table.Name);
            await using var command = new NpgsqlCommand(
                $"SELECT setval(s::regclass, COALESCE((SELECT MAX({CopyTable.Quote(key)}) FROM {name}), 0) + 1, false) FROM pg_get_serial_sequence(@table, @column) AS s WHERE s IS NOT NULL", target)
            {
                Parameters = { new("table", name), new("column", key) },
            };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Reads every table back from PostgreSQL, prints both sides' counts and checksums, and fails on the first difference.</summary>
    private async Task VerifyAsync(List<(CopyTable Table, long Rows, string Checksum)> copied, NpgsqlConnection target, CancellationToken cancellationToken)
    {
        var differing = new List<string>();
        await Output.WriteLineAsync();
        await Output.WriteLineAsync($"{"Table",-24} {"SQLite rows",12} {"PostgreSQL rows",16}  {"SQLite checksum",-16}  {"PostgreSQL checksum",-19}  Result");
        foreach (var (table, rows, checksum) in copied)
        {
            using var back = new TableChecksum();
            await using (var read = new NpgsqlCommand(table.SelectSql(textKeyCollation: "\"C\""), target))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    back.Add(table.ReadRow(reader));
                }
            }

            var backChecksum = back.Finish();
            var same = back.Rows == rows && backChecksum == checksum;
            if (!same)
            {
                differing.Add(table.Name);
            }

            await Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{table.Name,-24} {rows,12:N0} {back.Rows,16:N0}  {checksum[..16],-16}  {backChecksum[..16],-19}  {(same ? "equal" : "DIFFERENT")}"));
        }

        await Output.WriteLineAsync();
        if (differing.Count > 0)
        {
            throw new CopyRefusedException(CopyExit.Mismatch,
                $"The copy differs from the SQLite database in {string.Join(", ", differing)}: row count or checksum; do not start a desk on it.");
        }

        await Output.WriteLineAsync($"Copied and verified {copied.Count} tables, {copied.Sum(c => c.Rows):N0} rows.");
        await Output.WriteLineAsync("Not copied: SQLite's message search index (FTS5), which is not part of the model; PostgreSQL keeps its own.");
        await Output.WriteLineAsync("The sign-in key ring stays in the data folder (keys/): give a PostgreSQL desk on another data folder a copy of it, or staff sign in again.");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
