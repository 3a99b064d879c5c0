using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.History;

/// <summary>
/// Searches every past and present conversation: full text through the engine's message index (SQLite's
/// FTS5 table <see cref="MessageSearchIndex"/>, PostgreSQL's tsvector column), combined with filters on the
/// conversation, a page at a time. The one place the history query lives; the page and the benchmark both
/// call <see cref="SearchAsync"/>. Only the full-text part differs by engine (<see cref="IMessageMatch"/>).
/// </summary>
public sealed partial class HistorySearch(StaffCaller callers, IDbContextFactory<DeskDbContext> dbFactory)
{
    public const int MaxPageSize = 100;
    private const int PreviewLength = 200;

    // The raw SQL's own parameters are named @fts…, apart from those EF gives the filters embedded in it.

    /// <summary>The engine's full-text part: the matching conversations (their total and one page), and the page's snippets.</summary>
    private interface IMessageMatch
    {
        Task<(int Total, List<Guid> Ids)> PageAsync(
            DeskDbContext db, IQueryable<Conversation> conversations, HistoryOrder order, int skip, int take, CancellationToken cancellationToken);

        /// <summary>Per conversation of the page: the snippet of its best matching message, and how many messages match.</summary>
        Task<Dictionary<Guid, (string Snippet, int Matches)>> SnippetsAsync(
            DeskDbContext db, List<Guid> conversationIds, CancellationToken cancellationToken);
    }

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
        var match = MatchFor(db, filter.Text);
        return match is null
            ? await ListAsync(db, conversations, skip, take, cancellationToken)
            : await MatchAsync(db, conversations, match, filter.Order, skip, take, cancellationToken);
    }

    /// <summary>Null when the text holds no word to search for.</summary>
    private static IMessageMatch? MatchFor(DeskDbContext db, string? text) => db is PostgreSqlDeskDbContext
        ? FullTextQuery.TsQueryFrom(text) is { } query ? new PostgreSqlMatch(query) : null
        : FullTextQuery.From(text) is { } match ? new SqliteMatch(match) : null;

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
        DeskDbContext db, IQueryable<Conversation> conversations, IMessageMatch match, HistoryOrder order,
        int skip, int take, CancellationToken cancellationToken)
    {
        var (total, ids) = await match.PageAsync(db, conversations, order, skip, take, cancellationToken);
        var rows = (await Project(db, db.Conversations.Where(c => ids.Contains(c.Id))).ToListAsync(cancellationToken)).ToDictionary(r => r.Id);
        var snippets = await match.SnippetsAsync(db, ids, cancellationToken);
        return new HistoryResults(
            ids.Select(id => snippets.TryGetValue(id, out var found) ? rows[id].ToHit(found.Snippet, found.Matches) : rows[id].ToHit("", 0)).ToList(),
            total);
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

    /// <summary>A row of an engine's page statement: the total on every row, and a conversation of the page (none past the end).</summary>
    private sealed record PageRow(int Total, Guid? Id);
}
