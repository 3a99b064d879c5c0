using System.Globalization;
using LibrarianDesk.Data;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LibrarianDesk.Features.Conversations;

/// <summary>What the librarians' screens read: the live queue and one conversation with everything around it.</summary>
public sealed class ConversationQueries(IDbContextFactory<DeskDbContext> dbFactory, OpenReadContexts openReads, TimeProvider time)
{
    private const int PreviewLength = 160;

    // Compiled once per desk: every open workspace runs this for every message, and translating the LINQ again
    // each time cost three times the query and 29 kB of garbage per call (docs/performance.md). Not static: a
    // compiled query belongs to the one model it first ran with, and each engine has its own model (a test process
    // runs SQLite and PostgreSQL desks side by side).
    private readonly Func<DeskDbContext, Guid, int, IAsyncEnumerable<TranscriptLine>> linesAfter =
        EF.CompileAsyncQuery((DeskDbContext db, Guid conversationId, int afterSequence) =>
            from m in db.ChatMessages.AsNoTracking()
            where m.ConversationId == conversationId && m.Sequence > afterSequence
            join u in db.Users on m.AuthorId equals u.Id into authors
            from u in authors.DefaultIfEmpty()
            orderby m.Sequence
            select new TranscriptLine(m, u == null ? null : u.DisplayName));

    /// <summary>Waiting conversations oldest first, active ones, and those missed in the last day (for follow-up).</summary>
    public async Task<QueueSnapshot> QueueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var since = time.GetUtcNow().AddDays(-1);
        var items = (await QueueItems(db, db.Conversations.Where(c =>
                    c.Status == ConversationStatus.Waiting || c.Status == ConversationStatus.Active
                    || (c.Status == ConversationStatus.Missed && c.StartedAt >= since)))
                .ToListAsync(cancellationToken))
            .OrderBy(i => i.StartedAt)
            .ToList();
        return new QueueSnapshot(
            items.Where(i => i.Status == ConversationStatus.Waiting).ToList(),
            items.Where(i => i.Status == ConversationStatus.Active).ToList(),
            items.Where(i => i.Status == ConversationStatus.Missed).OrderByDescending(i => i.StartedAt).ToList());
    }

    /// <summary>One conversation as the queue shows it, whatever its status (what an alert about it says).</summary>
    public async Task<QueueItem?> QueueItemAsync(Guid conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await QueueItems(db, db.Conversations.Where(c => c.Id == conversationId)).SingleOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<QueueItem> QueueItems(DeskDbContext db, IQueryable<Conversation> conversations) =>
        from c in conversations.AsNoTracking()
        join q in db.QuestionTypes on c.QuestionTypeId equals q.Id into types
        from q in types.DefaultIfEmpty()
        join u in db.Users on c.OwnerId equals u.Id into owners
        from u in owners.DefaultIfEmpty()
        select new QueueItem(
            c.Id, c.Status, c.PatronName, c.ClaimedMemberNumber, q == null ? null : q.NameId, q == null ? null : q.NameEn,
            Preview(db.ChatMessages.Where(m => m.ConversationId == c.Id && m.Sequence == 1).Select(m => m.Text).FirstOrDefault()),
            c.StartedAt, c.PageUrl, c.OwnerId, u == null ? null : u.DisplayName, c.LastSequence, c.Membership)
        {
            LatestMessagePreview = Preview(db.ChatMessages
                .Where(m => m.ConversationId == c.Id && m.Author == MessageAuthor.Patron)
                .OrderByDescending(m => m.Sequence).Select(m => m.Text).FirstOrDefault()),
        };

    /// <summary>One conversation with every message (notes included) and the patron's earlier conversations.</summary>
    public async Task<ConversationDetail?> DetailAsync(Guid conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // One open for the three reads: each open of a pooled SQLite connection re-registers EF's functions.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var found = await (
                from c in db.Conversations.AsNoTracking()
                where c.Id == conversationId
                join q in db.QuestionTypes on c.QuestionTypeId equals q.Id into types
                from q in types.DefaultIfEmpty()
                join u in db.Users on c.OwnerId equals u.Id into owners
                from u in owners.DefaultIfEmpty()
                select new { Conversation = c, QuestionType = q, OwnerName = u == null ? null : u.DisplayName })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var conversation = found.Conversation;
        var lines = await LinesAfterAsync(db, conversationId, 0, cancellationToken);
        var email = conversation.PatronEmail;
        var member = conversation.ClaimedMemberNumber;
        var earlier = await db.Conversations.AsNoTracking()
            .Where(c => c.Id != conversationId && c.StartedAt < conversation.StartedAt
                && ((email != null && c.PatronEmail == email) || (member != null && c.ClaimedMemberNumber == member)))
            .OrderByDescending(c => c.StartedAt).Take(10)
            .Select(c => new EarlierConversation(c.Id, c.StartedAt, c.Status))
            .ToListAsync(cancellationToken);

        return new ConversationDetail(conversation, found.QuestionType, found.OwnerName, lines, earlier);
    }

    /// <summary>
    /// The lines after <paramref name="afterSequence"/>: what an open workspace reads when a message
    /// arrives, instead of the whole conversation, its patron and history again.
    /// </summary>
    public async Task<IReadOnlyList<TranscriptLine>> LinesAfterAsync(Guid conversationId, int afterSequence, CancellationToken cancellationToken = default) =>
        await openReads.ReadAsync((db, ct) => LinesAfterAsync(db, conversationId, afterSequence, ct), cancellationToken);

    /// <summary>
    /// What an open workspace shows once a new line arrives as its event carries it: the line added without a
    /// read when it follows the last one shown, which is nearly always; when lines are missing before it (an
    /// event that came while the page was loading, a line written by another server) only the lines after the
    /// last one shown are read, and the whole conversation when even those do not follow on. A line already
    /// shown (the librarian's own, by its event and by the send's answer) changes nothing.
    /// </summary>
    public async ValueTask<ConversationDetail?> WithLineAsync(ConversationDetail shown, TranscriptLine line, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shown);
        ArgumentNullException.ThrowIfNull(line);
        var conversationId = shown.Conversation.Id;
        if (line.Message.ConversationId != conversationId || line.Message.Sequence <= shown.LastSequence)
        {
            return shown;
        }

        return shown.Extended([line])
            ?? shown.Extended(await LinesAfterAsync(conversationId, shown.LastSequence, cancellationToken))
            ?? await DetailAsync(conversationId, cancellationToken);
    }

    private async Task<List<TranscriptLine>> LinesAfterAsync(DeskDbContext db, Guid conversationId, int afterSequence, CancellationToken cancellationToken) =>
        await linesAfter(db, conversationId, afterSequence).ToListAsync(cancellationToken);

    /// <summary>Display names of the librarians among <paramref name="ids"/>; no query when there are none.</summary>
    internal static async Task<Dictionary<string, string>> LibrarianNamesAsync(DeskDbContext db, IEnumerable<string?> ids, CancellationToken cancellationToken = default)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        return wanted.Count == 0 ? []
            : await db.Users.Where(u => wanted.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName })
                .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    /// <summary>The start of a message as cards, lists and alerts show it.</summary>
    public static string Preview(string? text) =>
        text is null ? "" : text.Length <= PreviewLength ? text : string.Concat(text.AsSpan(0, PreviewLength - 1), "…");
}

public sealed record QueueSnapshot(IReadOnlyList<QueueItem> Waiting, IReadOnlyList<QueueItem> Active, IReadOnlyList<QueueItem> RecentlyMissed)
{
    /// <summary>
    /// This queue with a patron's new message on its open conversation's card, or null when it changes no card
    /// (another author, a conversation not open, a message already shown): no read of the queue per message.
    /// </summary>
    public QueueSnapshot? WithPatronMessage(ConversationMessageAdded added)
    {
        ArgumentNullException.ThrowIfNull(added);
        if (added.Line.Message.Author != MessageAuthor.Patron
            || !Waiting.Concat(Active).Any(i => i.ConversationId == added.ConversationId && i.LastSequence < added.Sequence))
        {
            return null;
        }

        IReadOnlyList<QueueItem> Updated(IReadOnlyList<QueueItem> items) =>
            items.Select(i => i.ConversationId == added.ConversationId && i.LastSequence < added.Sequence
                ? i with { LastSequence = added.Sequence, LatestMessagePreview = ConversationQueries.Preview(added.Line.Message.Text) }
                : i).ToList();

        return this with { Waiting = Updated(Waiting), Active = Updated(Active) };
    }
}

public sealed record QueueItem(
    Guid ConversationId, ConversationStatus Status, string PatronName, string? MemberNumber,
    string? QuestionTypeId, string? QuestionTypeEn, string FirstMessagePreview, DateTimeOffset StartedAt,
    string? PageUrl, string? OwnerId, string? OwnerName, int LastSequence,
    MembershipMark Membership = MembershipMark.NotChecked)
{
    /// <summary>The start of the patron's latest message: what the patron is waiting on now.</summary>
    public string LatestMessagePreview { get; init; } = "";

    public string? QuestionTypeName(string language) =>
        language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? QuestionTypeEn : QuestionTypeId;
}

public sealed record ConversationDetail(
    Conversation Conversation, QuestionType? QuestionType, string? OwnerName,
    IReadOnlyList<TranscriptLine> Lines, IReadOnlyList<EarlierConversation> Earlier)
{
    /// <summary>The sequence number of the last line shown (0 before the first).</summary>
    public int LastSequence => Lines.Count == 0 ? 0 : Lines[^1].Message.Sequence;

    /// <summary>
    /// This detail with <paramref name="more"/> lines read after <see cref="LastSequence"/>, or null when they
    /// do not follow on from it (the conversation must be read again).
    /// </summary>
    public ConversationDetail? Extended(IReadOnlyList<TranscriptLine> more)
    {
        ArgumentNullException.ThrowIfNull(more);
        return more.Count == 0 ? this
            : more[0].Message.Sequence == LastSequence + 1 ? this with { Lines = [.. Lines, .. more] }
            : null;
    }
}

public sealed record TranscriptLine(ChatMessage Message, string? AuthorName)
{
    /// <summary>Who wrote the line, as the desk shows it above the message.</summary>
    public string AuthorLabel(string patronName, IStringLocalizer<DeskStrings> localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return Message.Author switch
        {
            MessageAuthor.Patron => patronName,
            MessageAuthor.Librarian => AuthorName ?? localizer["Workspace_Librarian"],
            MessageAuthor.Note => localizer["Workspace_NoteBy", AuthorName ?? localizer["Workspace_Librarian"]],
            _ => localizer["Workspace_System"],
        };
    }

    /// <summary>The line's text as the team reads it, in the reader's language (<see cref="TranscriptAudiences.Words"/>).</summary>
    public string Text(CultureInfo culture) => TranscriptAudience.Team.Words(Message, culture);
}

public sealed record EarlierConversation(Guid ConversationId, DateTimeOffset StartedAt, ConversationStatus Status);
