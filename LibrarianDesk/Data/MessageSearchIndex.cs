using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Data;

/// <summary>
/// The full-text index of chat messages: an external-content FTS5 table over <c>ChatMessages</c>
/// (the text is stored once, in the messages table), kept in step by triggers. Created here at
/// start-up rather than in the EF migration, which is regenerated whenever the model changes.
/// </summary>
public static class MessageSearchIndex
{
    public const string Table = "ChatMessagesFts";

    /// <summary>Removes the index and its triggers, e.g. before a bulk load that rebuilds it once afterwards.</summary>
    public const string DropSql = $"""
        DROP TRIGGER IF EXISTS ChatMessages_fts_insert;
        DROP TRIGGER IF EXISTS ChatMessages_fts_delete;
        DROP TRIGGER IF EXISTS ChatMessages_fts_update;
        DROP TABLE IF EXISTS {Table};
        """;

    // remove_diacritics 2 folds "perpustakaan" and "pérpustakaan" (and é/è/ê) to the same token.
    private const string CreateSql = $"""
        CREATE VIRTUAL TABLE IF NOT EXISTS {Table} USING fts5(
            Text, content='ChatMessages', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
        CREATE TRIGGER IF NOT EXISTS ChatMessages_fts_insert AFTER INSERT ON ChatMessages BEGIN
            INSERT INTO {Table}(rowid, Text) VALUES (new.Id, new.Text);
        END;
        CREATE TRIGGER IF NOT EXISTS ChatMessages_fts_delete AFTER DELETE ON ChatMessages BEGIN
            INSERT INTO {Table}({Table}, rowid, Text) VALUES ('delete', old.Id, old.Text);
        END;
        CREATE TRIGGER IF NOT EXISTS ChatMessages_fts_update AFTER UPDATE OF Text ON ChatMessages BEGIN
            INSERT INTO {Table}({Table}, rowid, Text) VALUES ('delete', old.Id, old.Text);
            INSERT INTO {Table}(rowid, Text) VALUES (new.Id, new.Text);
        END;
        """;

    /// <summary>
    /// Creates the index and its triggers when missing, and fills it from the messages table when
    /// the index is empty but messages exist (a database from before the index, or bulk-loaded data).
    /// </summary>
    public static async Task EnsureAsync(DeskDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlRawAsync(CreateSql, cancellationToken);

        // The docsize shadow table holds one row per indexed message; counting the FTS table itself
        // would read the content table and always look full.
        var needsFill = await db.Database
            .SqlQueryRaw<bool>($"SELECT NOT EXISTS (SELECT 1 FROM {Table}_docsize) AND EXISTS (SELECT 1 FROM ChatMessages) AS Value")
            .SingleAsync(cancellationToken);
        if (needsFill)
        {
            await RebuildAsync(db, cancellationToken);
        }
    }

    /// <summary>Re-reads every message into the index.</summary>
    public static Task RebuildAsync(DeskDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ExecuteSqlRawAsync($"INSERT INTO {Table}({Table}) VALUES ('rebuild');", cancellationToken);
    }
}
