using LibrarianDesk.Data;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.History;

/// <summary>
/// Searches every past and present conversation: full text through the FTS5 message index
/// (<see cref="MessageSearchIndex"/>), combined with filters on the conversation, a page at a time.
/// The one place the history query lives; the page and the benchmark both call <see cref="SearchAsync"/>.
/// </summary>
public sealed class HistorySearch(IDbContextFactory<DeskDbContext> dbFactory)
{
    public const int MaxPageSize = 100;
    private const int PreviewLength = 200;

    public async Task<HistoryResults> SearchAsync(
        HistoryFilter filter, HistoryReader reader, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        take = Math.Min(take, MaxPageSize);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var conversations = Filtered(db, filter);
        var match = FullTextQuery.From(filter.Text);
        return match is null
            ? await ListAsync(db, conversations, skip, take, cancellationToken)
            : await MatchAsync(db, conversations, match, filter.Order, reader, skip, take, cancellationToken);
    }

    /// <summary>What the filters offer: every staff account (former ones too: history outlives accounts) and every question type.</summary>
    public async Task<HistoryChoices> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var librarians = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName)
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
            query = query.Where(c => c.ClaimedMemberNumber != null && EF.Functions.Like(c.ClaimedMemberNumber, pattern, LikePattern.Escape));
        }

        if (!string.IsNullOrWhiteSpace(filter.Email))
        {
            var pattern = LikePattern.Containing(filter.Email.Trim());
            query = query.Where(c => c.PatronEmail != null && EF.Functions.Like(c.PatronEmail, pattern, LikePattern.Escape));
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
    /// Search words: conversations with at least one matching message the reader may see. Newest
    /// first is a semi-join (SQLite walks conversations by start time and stops at the page);
    /// best match first groups the matches to rank each conversation by its best message. The
    /// snippets are made only for the page shown, not for every match.
    /// </summary>
    private static async Task<HistoryResults> MatchAsync(
        DeskDbContext db, IQueryable<Conversation> conversations, string match, HistoryOrder order, HistoryReader reader,
        int skip, int take, CancellationToken cancellationToken)
    {
        List<Guid> ids;
        int total;
        if (order == HistoryOrder.Relevance)
        {
            var ranked = from c in conversations
                         join r in RankedConversations(db, match, reader) on c.Id equals r.ConversationId
                         select new { c.Id, c.StartedAt, r.Rank };
            total = await ranked.CountAsync(cancellationToken);
            ids = await ranked.OrderBy(x => x.Rank).ThenByDescending(x => x.StartedAt).ThenBy(x => x.Id)
                .Skip(skip).Take(take).Select(x => x.Id).ToListAsync(cancellationToken);
        }
        else
        {
            var matching = MatchingConversationIds(db, match, reader);
            var found = conversations.Where(c => matching.Contains(c.Id));
            total = await found.CountAsync(cancellationToken);
            ids = await found.OrderByDescending(c => c.StartedAt).ThenBy(c => c.Id)
                .Skip(skip).Take(take).Select(c => c.Id).ToListAsync(cancellationToken);
        }

        var rows = (await Project(db, db.Conversations.Where(c => ids.Contains(c.Id))).ToListAsync(cancellationToken)).ToDictionary(r => r.Id);
        var snippets = await SnippetsAsync(db, match, reader, ids, cancellationToken);
        return new HistoryResults(
            ids.Select(id => snippets.TryGetValue(id, out var found) ? rows[id].ToHit(found.Snippet, found.Matches) : rows[id].ToHit("", 0)).ToList(),
            total);
    }

    // MATCH runs in the innermost query: FTS5's rank and auxiliary functions only work there. The
    // visibility rule is HistoryReader.MaySee.
    private static IQueryable<Guid> MatchingConversationIds(DeskDbContext db, string match, HistoryReader reader) =>
        db.Database.SqlQuery<Guid>($"""
            SELECT m.ConversationId AS Value
            FROM (SELECT rowid AS MessageId FROM ChatMessagesFts WHERE ChatMessagesFts MATCH {match}) AS f
            JOIN ChatMessages AS m ON m.Id = f.MessageId
            WHERE m.Author <> {(int)MessageAuthor.Note} OR {reader.SeesAllNotes} OR m.AuthorId = {reader.UserId}
            """);

    private static IQueryable<RankedConversation> RankedConversations(DeskDbContext db, string match, HistoryReader reader) =>
        db.Database.SqlQuery<RankedConversation>($"""
            SELECT m.ConversationId AS ConversationId, MIN(f.rank) AS Rank
            FROM (SELECT rowid AS MessageId, rank FROM ChatMessagesFts WHERE ChatMessagesFts MATCH {match}) AS f
            JOIN ChatMessages AS m ON m.Id = f.MessageId
            WHERE m.Author <> {(int)MessageAuthor.Note} OR {reader.SeesAllNotes} OR m.AuthorId = {reader.UserId}
            GROUP BY m.ConversationId
            """);

    /// <summary>Per conversation of the page: the snippet of its best matching message, and how many messages match.</summary>
    private static async Task<Dictionary<Guid, (string Snippet, int Matches)>> SnippetsAsync(
        DeskDbContext db, string match, HistoryReader reader, List<Guid> conversationIds, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<MessageSnippet>($"""
                SELECT m.ConversationId AS ConversationId, f.Rank AS Rank, f.Snippet AS Snippet
                FROM (SELECT rowid AS MessageId, rank AS Rank,
                             snippet(ChatMessagesFts, 0, {MarkedText.Start.ToString()}, {MarkedText.End.ToString()}, '…', 24) AS Snippet
                      FROM ChatMessagesFts WHERE ChatMessagesFts MATCH {match}) AS f
                JOIN ChatMessages AS m ON m.Id = f.MessageId
                WHERE m.Author <> {(int)MessageAuthor.Note} OR {reader.SeesAllNotes} OR m.AuthorId = {reader.UserId}
                """)
            .Where(r => conversationIds.Contains(r.ConversationId))
            .ToListAsync(cancellationToken);
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

    private sealed record RankedConversation(Guid ConversationId, double Rank);

    private sealed record MessageSnippet(Guid ConversationId, double Rank, string Snippet);
}
