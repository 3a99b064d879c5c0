using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Scheduling;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.History;

/// <summary>
/// Searches every past and present conversation: full text through the FTS5 message index
/// (<see cref="MessageSearchIndex"/>), combined with filters on the conversation, a page at a time.
/// The one place the history query lives; the page and the benchmark both call <see cref="SearchAsync"/>.
/// </summary>
public sealed class HistorySearch(StaffCaller callers, IDbContextFactory<DeskDbContext> dbFactory)
{
    public const int MaxPageSize = 100;
    private const int PreviewLength = 200;

    // The raw SQL's own parameters are named @fts…, apart from those EF gives the filters embedded in it.

    public async Task<HistoryResults> SearchAsync(
        HistoryFilter filter, HistoryReader reader, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(reader);
        await callers.RequireAccountAsync(reader.UserId, HistoryEndpoints.ReaderRoles);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        take = Math.Min(take, MaxPageSize);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversations = Filtered(db, filter);
        var match = FullTextQuery.From(filter.Text);
        return match is null
            ? await ListAsync(db, conversations, skip, take, cancellationToken)
            : await MatchAsync(db, conversations, match, filter.Order, skip, take, cancellationToken);
    }

    /// <summary>What the filters offer: the librarians (former ones too: history outlives accounts) and every question type.</summary>
    public async Task<HistoryChoices> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var librarians = await db.LibrariansWithConversations().AsNoTracking().OrderBy(u => u.DisplayName)
            .Select(u => new HistoryLibrarian(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
        var types = await db.QuestionTypes.AsNoTracking().OrderBy(q => q.SortOrder).ToListAsync(cancellationToken);
        return new HistoryChoices(librarians, types);
    }

    private static IQueryable<Conversation> Filtered(DeskDbContext db, HistoryFilter filter)
    {
        var query = db.Conversations.AsNoTracking();
        if (filter.From is { } from)
        {
            var start = Wib.At(from, TimeOnly.MinValue);
            query = query.Where(c => c.StartedAt >= start);
        }

        if (filter.To is { } to)
        {
            var end = Wib.At(to.AddDays(1), TimeOnly.MinValue);
            query = query.Where(c => c.StartedAt < end);
        }

        if (!string.IsNullOrEmpty(filter.LibrarianId))
        {
            var id = filter.LibrarianId;
            query = query.Where(c => c.OwnerId == id
                || db.ChatMessages.Any(m => m.ConversationId == c.Id && m.Author == MessageAuthor.Librarian && m.AuthorId == id));
        }

        if (filter.QuestionTypeId is { } questionType)
        {
            query = query.Where(c => c.QuestionTypeId == questionType);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (filter.Rating is { } rating)
        {
            query = query.Where(c => c.Rating == rating);
        }

        if (filter.Membership is { } membership)
        {
            query = query.Where(c => c.Membership == membership);
        }

        if (!string.IsNullOrWhiteSpace(filter.MemberNumber))
        {
            var pattern = LikePattern.Containing(filter.MemberNumber.Trim());
            query = query.Where(c => c.ClaimedMemberNumber != null && DeskText.Matches(c.ClaimedMemberNumber, pattern));
        }

        if (!string.IsNullOrWhiteSpace(filter.Email))
        {
            var pattern = LikePattern.Containing(filter.Email.Trim());
            query = query.Where(c => c.PatronEmail != null && DeskText.Matches(c.PatronEmail, pattern));
        }

        return query;
    }

    /// <summary>No search words: the filtered conversations newest first, each shown by its first message.</summary>
    private static async Task<HistoryResults> ListAsync(
        DeskDbContext db, IQueryable<Conversation> conversations, int skip, int take, CancellationToken cancellationToken)
    {
        var total = await conversations.CountAsync(cancellationToken);
        var rows = await Project(db, conversations.OrderByDescending(c => c.StartedAt).ThenBy(c => c.Id).Skip(skip).Take(take))
            .ToListAsync(cancellationToken);
        var firstMessages = await FirstMessagesAsync(db, rows.Select(r => r.Id).ToList(), cancellationToken);
        return new HistoryResults(rows.Select(r => r.ToHit(firstMessages.GetValueOrDefault(r.Id) ?? "", 0)).ToList(), total);
    }

    /// <summary>
    /// Search words: conversations with at least one matching message (internal notes included: the
    /// team's, see <see cref="TranscriptAudience.Team"/>), newest first or best match first (by each
    /// conversation's best message). The snippets are made only for the page shown, not for every match.
    /// </summary>
    private static async Task<HistoryResults> MatchAsync(
        DeskDbContext db, IQueryable<Conversation> conversations, string match, HistoryOrder order,
        int skip, int take, CancellationToken cancellationToken)
    {
        var (total, ids) = await MatchingPageAsync(db, conversations, match, order, skip, take, cancellationToken);
        var rows = (await Project(db, db.Conversations.Where(c => ids.Contains(c.Id))).ToListAsync(cancellationToken)).ToDictionary(r => r.Id);
        var snippets = await SnippetsAsync(db, match, ids, cancellationToken);
        return new HistoryResults(
            ids.Select(id => snippets.TryGetValue(id, out var found) ? rows[id].ToHit(found.Snippet, found.Matches) : rows[id].ToHit("", 0)).ToList(),
            total);
    }

    /// <summary>
    /// The total and the page in one statement: the matches are walked and grouped by conversation
    /// once, into Found, which both the count and the page read (a count and a page query would
    /// walk every match twice, and at 200,000 matching messages the walk is the time).
    /// </summary>
    private static async Task<(int Total, List<Guid> Ids)> MatchingPageAsync(
        DeskDbContext db, IQueryable<Conversation> conversations, string match, HistoryOrder order,
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

    /// <summary>Per conversation of the page: the snippet of its best matching message, and how many messages match.</summary>
    private static async Task<Dictionary<Guid, (string Snippet, int Matches)>> SnippetsAsync(
        DeskDbContext db, string match, List<Guid> conversationIds, CancellationToken cancellationToken)
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

    private static async Task<Dictionary<Guid, string>> FirstMessagesAsync(DeskDbContext db, List<Guid> ids, CancellationToken cancellationToken) =>
        await db.ChatMessages.AsNoTracking()
            .Where(m => ids.Contains(m.ConversationId) && m.Sequence == 1)
            .Select(m => new { m.ConversationId, Start = m.Text.Substring(0, PreviewLength), Longer = m.Text.Length > PreviewLength })
            .ToDictionaryAsync(m => m.ConversationId, m => m.Longer ? m.Start + "…" : m.Start, cancellationToken);

    private static IQueryable<HitRow> Project(DeskDbContext db, IQueryable<Conversation> conversations) =>
        from c in conversations
        join q in db.QuestionTypes on c.QuestionTypeId equals q.Id into types
        from q in types.DefaultIfEmpty()
        join u in db.Users on c.OwnerId equals u.Id into owners
        from u in owners.DefaultIfEmpty()
        select new HitRow(
            c.Id, c.StartedAt, c.PatronName, c.PatronEmail, c.ClaimedMemberNumber, c.Status,
            u == null ? null : u.DisplayName, q == null ? null : q.NameId, q == null ? null : q.NameEn, c.Rating, c.Membership);

    private sealed record HitRow(
        Guid Id, DateTimeOffset StartedAt, string PatronName, string? PatronEmail, string? MemberNumber, ConversationStatus Status,
        string? OwnerName, string? QuestionTypeId, string? QuestionTypeEn, int? Rating, MembershipMark Membership)
    {
        public HistoryHit ToHit(string snippet, int matches) => new(
            Id, StartedAt, PatronName, PatronEmail, MemberNumber, Status, OwnerName, QuestionTypeId, QuestionTypeEn, Rating, Membership, snippet, matches);
    }

    private sealed record PageRow(int Total, Guid? Id);

    private sealed record MessageSnippet(Guid ConversationId, double Rank, string Snippet);
}
