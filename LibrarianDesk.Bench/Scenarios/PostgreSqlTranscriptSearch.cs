using Npgsql;
using NpgsqlTypes;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// <see cref="TranscriptSearchMeasurement"/>'s hand-written search on PostgreSQL, by the README's rules: every
/// word must occur, each as a prefix, case and accents ignored (the <c>simple</c> configuration over
/// <c>unaccent</c>), the typed words passed as parameters only. Its own GIN expression index, built once after
/// the data is generated (<see cref="CreateIndexAsync"/>), so it never depends on how the desk indexes its messages.
/// </summary>
public static class PostgreSqlTranscriptSearch
{
    /// <summary>
    /// unaccent() is only STABLE (its dictionary could change), which an index expression refuses; naming the
    /// dictionary in an IMMUTABLE wrapper is PostgreSQL's documented way round it.
    /// </summary>
    public static async Task CreateIndexAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var create = new NpgsqlCommand("""
            CREATE EXTENSION IF NOT EXISTS unaccent;
            CREATE OR REPLACE FUNCTION bench_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
            CREATE INDEX IF NOT EXISTS bench_chat_messages_words ON "ChatMessages" USING gin (to_tsvector('simple', bench_unaccent("Text")));
            ANALYZE "ChatMessages";
            """, connection);
        create.CommandTimeout = 0;
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The conversations with a message holding every word of <paramref name="text"/> (started at or after
    /// <paramref name="from"/>, UTC ms, when given): their total and the newest <paramref name="page"/>, in one
    /// statement that walks the matches once.
    /// </summary>
    public static async Task<(int Total, List<Guid> Page)> SearchAsync(string connectionString, string text, long? from, int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var search = new NpgsqlCommand($"""
            WITH typed AS (
                SELECT to_tsquery('simple', string_agg(quote_literal(bench_unaccent(word)) || ':*', ' & ')) AS words FROM unnest(@words) AS word),
            found AS MATERIALIZED (
                SELECT c."Id", c."StartedAt"
                FROM "Conversations" AS c
                WHERE c."Id" IN (SELECT m."ConversationId" FROM "ChatMessages" AS m, typed
                                 WHERE to_tsvector('simple', bench_unaccent(m."Text")) @@ typed.words)
                {(from is null ? "" : """AND c."StartedAt" >= @from""")})
            SELECT (SELECT COUNT(*) FROM found)::int, "Id" FROM found ORDER BY "StartedAt" DESC, "Id" LIMIT {page}
            """, connection);
        search.Parameters.Add(new NpgsqlParameter("words", NpgsqlDbType.Array | NpgsqlDbType.Text)
        {
            Value = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        });
        if (from is { } start)
        {
            search.Parameters.AddWithValue("from", start);
        }

        var total = 0;
        var ids = new List<Guid>();
        await using var reader = await search.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            total = reader.GetInt32(0);
            ids.Add(reader.GetGuid(1));
        }

        return (total, ids);
    }
}
