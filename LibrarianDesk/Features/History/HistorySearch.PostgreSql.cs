using System.Text;
using LibrarianDesk.Data;
using LibrarianDesk.Shared.Conversations;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace LibrarianDesk.Features.History;

public sealed partial class HistorySearch
{
    /// <summary>
    /// The full-text part on PostgreSQL: a tsquery (<see cref="FullTextQuery.TsQueryFrom"/>) on the messages'
    /// generated, GIN-indexed <c>"SearchVector"</c> column (migration <c>MessageSearchVector</c>): the message's
    /// words (<c>desk_search_words</c> blanks punctuation, as FTS5's tokenizer splits at it) in the
    /// <c>desk_search</c> configuration (<c>simple</c> behind <c>unaccent</c>: case and accents ignored).
    /// </summary>
    private sealed class PostgreSqlMatch(string query) : IMessageMatch
    {
        private const string Query = "to_tsquery('desk_search', @ftsQuery)";

        // Divided by the log of the message's length (flag 1): like FTS5's bm25, a word weighs more in a short message.
        private const string Rank = $"""ts_rank(m."SearchVector", {Query}, 1)""";

        // About as many words as FTS5's snippet shows (24), between the same markers: ts_headline widens the
        // stretch around the words found only up to MinWords, which must stay below MaxWords.
        private static readonly string HeadlineOptions = $"StartSel={MarkedText.Start}, StopSel={MarkedText.End}, MaxWords=24, MinWords=23";

        /// <summary>
        /// The total and the page in one statement, as on SQLite: the matches are grouped by conversation once,
        /// into Found, which both the count and the page read. Best match first ranks a conversation by its best
        /// message (negated, so that the order is ascending as on SQLite).
        /// </summary>
        public async Task<(int Total, List<Guid> Ids)> PageAsync(
            DeskDbContext db, IQueryable<Conversation> conversations, HistoryOrder order,
            int skip, int take, CancellationToken cancellationToken)
        {
            var filtered = EmbeddedQuery.From(conversations.Select(c => new { c.Id, c.StartedAt }));
            var relevance = order == HistoryOrder.Relevance;
            var sortKeys = relevance ? """ "Rank", "StartedAt" DESC, "Id" """ : """ "StartedAt" DESC, "Id" """;
            var pageSortKeys = relevance ? """p."Rank", p."StartedAt" DESC, p."Id" """ : """p."StartedAt" DESC, p."Id" """;

            // The left join keeps the total when the page is past the end.
            var sql = $"""
                WITH "Found" AS MATERIALIZED (
                    SELECT c."Id", c."StartedAt", w."Rank"
                    FROM ({filtered.Sql}) AS c
                    JOIN (SELECT m."ConversationId", {(relevance ? $"-MAX({Rank})" : "0")} AS "Rank"
                          FROM "ChatMessages" AS m
                          WHERE m."SearchVector" @@ {Query}
                          GROUP BY m."ConversationId") AS w ON w."ConversationId" = c."Id")
                SELECT t."Total", p."Id"
                FROM (SELECT COUNT(*)::integer AS "Total" FROM "Found") AS t
                LEFT JOIN (SELECT "Id", "StartedAt", "Rank" FROM "Found" ORDER BY {sortKeys} LIMIT @ftsTake OFFSET @ftsSkip) AS p ON TRUE
                ORDER BY {pageSortKeys}
                """;
            object[] parameters =
            [
                .. filtered.Parameters, new NpgsqlParameter("ftsQuery", query),
                new NpgsqlParameter("ftsSkip", skip), new NpgsqlParameter("ftsTake", take),
            ];
            var rows = await db.Database.SqlQueryRaw<PageRow>(sql, parameters).ToListAsync(cancellationToken);
            return (rows[0].Total, rows.Where(r => r.Id is not null).Select(r => r.Id!.Value).ToList());
        }

        /// <summary>Headlines only for the best matching message of each conversation on the page.</summary>
        public async Task<Dictionary<Guid, (string Snippet, int Matches)>> SnippetsAsync(
            DeskDbContext db, List<Guid> conversationIds, CancellationToken cancellationToken)
        {
            var sql = $"""
                SELECT s."ConversationId", s."Matches", s."Text", s."Words", ts_headline('desk_search', s."Words", {Query}, @ftsHeadline) AS "Headline"
                FROM (SELECT m."ConversationId", m."Text", desk_search_words(m."Text") AS "Words",
                             COUNT(*) OVER (PARTITION BY m."ConversationId")::integer AS "Matches",
                             row_number() OVER (PARTITION BY m."ConversationId" ORDER BY {Rank} DESC, m."Id") AS "Best"
                      FROM "ChatMessages" AS m
                      WHERE m."ConversationId" = ANY(@ftsConversations) AND m."SearchVector" @@ {Query}) AS s
                WHERE s."Best" = 1
                """;
            object[] parameters =
            [
                new NpgsqlParameter("ftsQuery", query), new NpgsqlParameter("ftsHeadline", HeadlineOptions),
                new NpgsqlParameter("ftsConversations", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = conversationIds.ToArray() },
            ];
            var rows = await db.Database.SqlQueryRaw<MessageHeadline>(sql, parameters).ToListAsync(cancellationToken);
            return rows.ToDictionary(r => r.ConversationId, r => (Snippet(r.Text, r.Words, r.Headline), r.Matches));
        }

        /// <summary>
        /// The headline is cut from the words (the message with its punctuation blanked character for character), so
        /// the snippet is the same stretch of the message itself, punctuation and all, with the headline's markers;
        /// "…" marks a cut, as in FTS5's snippet.
        /// </summary>
        private static string Snippet(string text, string words, string headline)
        {
            var plain = headline.Replace(MarkedText.Start.ToString(), "", StringComparison.Ordinal).Replace(MarkedText.End.ToString(), "", StringComparison.Ordinal);
            var at = words.IndexOf(plain, StringComparison.Ordinal);
            if (at < 0)
            {
                return headline;
            }

            var snippet = new StringBuilder(headline.Length + 2);
            if (at > 0)
            {
                snippet.Append('…');
            }

            var next = at;
            foreach (var c in headline)
            {
                snippet.Append(c is MarkedText.Start or MarkedText.End ? c : text[next++]);
            }

            if (next < text.Length)
            {
                snippet.Append('…');
            }

            return snippet.ToString();
        }

        private sealed record MessageHeadline(Guid ConversationId, int Matches, string Text, string Words, string Headline);
    }
}
