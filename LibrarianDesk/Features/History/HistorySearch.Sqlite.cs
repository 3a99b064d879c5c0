using LibrarianDesk.Data;
using LibrarianDesk.Shared.Conversations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.History;

public sealed partial class HistorySearch
{
    /// <summary>The full-text part on SQLite: an FTS5 MATCH expression (<see cref="FullTextQuery.From"/>) on <see cref="MessageSearchIndex"/>.</summary>
    private sealed class SqliteMatch(string match) : IMessageMatch
    {
        /// <summary>
        /// The total and the page in one statement: the matches are walked and grouped by conversation
        /// once, into Found, which both the count and the page read (a count and a page query would
        /// walk every match twice, and at 200,000 matching messages the walk is the time).
        /// </summary>
        public async Task<(int Total, List<Guid> Ids)> PageAsync(
            DeskDbContext db, IQueryable<Conversation> conversations, HistoryOrder order,
            int skip, int take, CancellationToken cancellationToken)
        {
            var filtered = EmbeddedQuery.From(conversations.Select(c => new { c.Id, c.StartedAt }));
            var relevance = order == HistoryOrder.Relevance;
            var sortKeys = relevance ? "Rank, StartedAt DESC, Id" : "StartedAt DESC, Id";
            var pageSortKeys = relevance ? "p.Rank, p.StartedAt DESC, p.Id" : "p.StartedAt DESC, p.Id";

            // The left join keeps the total when the page is past the end. "+c.Id": without it SQLite
            // looks every matching conversation up by Id and reads its row for StartedAt, one random
            // read each; reading the filtered conversations in order and probing the matches took 260
            // instead of 480 ms for a common word in 30 days (1,000,000 messages), and costs one pass
            // over the filtered conversations (about 20 ms for 100,000) when few match.
            var sql = $"""
                WITH Found AS MATERIALIZED (
                    SELECT c.Id, c.StartedAt, w.Rank
                    FROM ({filtered.Sql}) AS c
                    JOIN ({MatchingConversationsSql(relevance)}) AS w ON w.ConversationId = +c.Id)
                SELECT t.Total, p.Id
                FROM (SELECT COUNT(*) AS Total FROM Found) AS t
                LEFT JOIN (SELECT Id, StartedAt, Rank FROM Found ORDER BY {sortKeys} LIMIT @ftsTake OFFSET @ftsSkip) AS p
                ORDER BY {pageSortKeys}
                """;
            object[] parameters =
            [
                .. filtered.Parameters, new SqliteParameter("@ftsMatch", match),
                new SqliteParameter("@ftsSkip", skip), new SqliteParameter("@ftsTake", take),
            ];
            var rows = await db.Database.SqlQueryRaw<PageRow>(sql, parameters).ToListAsync(cancellationToken);
            return (rows[0].Total, rows.Where(r => r.Id is not null).Select(r => r.Id!.Value).ToList());
        }

        // MATCH runs in the innermost query: FTS5's rank only works there. GROUP BY sorts the matches
        // by conversation once; a DISTINCT or IN list inserts every match into a b-tree instead, which
        // took longer than the walk itself. Best match first ranks a conversation by its best message.
        private static string MatchingConversationsSql(bool relevance) => $"""
            SELECT m.ConversationId AS ConversationId, {(relevance ? "MIN(f.rank)" : "0")} AS Rank
            FROM (SELECT rowid AS MessageId{(relevance ? ", rank" : "")} FROM ChatMessagesFts WHERE ChatMessagesFts MATCH @ftsMatch) AS f
            JOIN ChatMessages AS m ON m.Id = f.MessageId
            GROUP BY m.ConversationId
            """;

        public async Task<Dictionary<Guid, (string Snippet, int Matches)>> SnippetsAsync(
            DeskDbContext db, List<Guid> conversationIds, CancellationToken cancellationToken)
        {
            var pageMessages = EmbeddedQuery.From(db.ChatMessages.Where(m => conversationIds.Contains(m.ConversationId)).Select(m => m.Id));

            // The match is walked a second time here, but only FTS5's own list of matching rows (a few
            // ms for 200,000 matches), not every match joined to its message. "+rowid": a rowid
            // condition FTS5 can use makes it re-run the whole match for every message of the page
            // (10x slower); as a plain test only the page's matches are read and snippeted. CROSS JOIN
            // keeps that order.
            var sql = $"""
                SELECT m.ConversationId, f.Rank, f.Snippet
                FROM (SELECT rowid AS MessageId, rank AS Rank, snippet(ChatMessagesFts, 0, @ftsMarkStart, @ftsMarkEnd, '…', 24) AS Snippet
                      FROM ChatMessagesFts
                      WHERE ChatMessagesFts MATCH @ftsMatch AND +rowid IN ({pageMessages.Sql})) AS f
                CROSS JOIN ChatMessages AS m ON m.Id = f.MessageId
                """;
            object[] parameters =
            [
                .. pageMessages.Parameters, new SqliteParameter("@ftsMatch", match),
                new SqliteParameter("@ftsMarkStart", MarkedText.Start.ToString()), new SqliteParameter("@ftsMarkEnd", MarkedText.End.ToString()),
            ];
            var rows = await db.Database.SqlQueryRaw<MessageSnippet>(sql, parameters).ToListAsync(cancellationToken);
            return rows.GroupBy(r => r.ConversationId).ToDictionary(g => g.Key, g => (g.MinBy(r => r.Rank)!.Snippet, g.Count()));
        }

        private sealed record MessageSnippet(Guid ConversationId, double Rank, string Snippet);
    }
}
