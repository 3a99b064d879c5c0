using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Conversations;

/// <summary>Whose conversations the "to classify" list shows.</summary>
public enum ToClassifyScope
{
    /// <summary>The viewer's own (a librarian's list).</summary>
    Mine,

    /// <summary>Everyone's (a supervisor's overview).</summary>
    Everyone,
}

/// <summary>A conversation that <see cref="Conversation.AwaitsClassification"/>, as the list shows it.</summary>
public sealed record ToClassifyItem(
    Guid ConversationId, string PatronName, DateTimeOffset StartedAt, DateTimeOffset? EndedAt,
    bool EndedByPatron, bool FollowedUp, int? PatronQuestionTypeId, string? ClassifierId, string? ClassifierName, string FirstMessage);

/// <summary>
/// The "to classify" list and its classification: conversations that ended without a question type and
/// READ level (the patron ended them, a block did, or they were missed and answered later by email) wait
/// for their owner, or the librarian who followed them up, to classify them. A supervisor sees and may
/// classify everyone's.
/// </summary>
public sealed class ConversationClassifier(
    IDbContextFactory<DeskDbContext> dbFactory, StaffCaller callers, SqliteWriteGate writes, DeskNotifier notifier)
{
    /// <summary>The conversation is another librarian's to classify, and the caller is no supervisor.</summary>
    public const string NotYours = "not_yours_to_classify";

    private const int MaxListed = 200;
    private const int PreviewLength = 160;

    /// <summary>
    /// The classification as given, refused (<see cref="ConversationRuleException"/>) without a question type or
    /// READ level, or with a question type the desk does not know. Closing and classifying both go through here.
    /// </summary>
    public static async Task<Classification> ClassificationAsync(DeskDbContext db, int? questionTypeId, int? readScale, IEnumerable<string>? tags)
    {
        ArgumentNullException.ThrowIfNull(db);
        var classification = Classification.Of(questionTypeId, readScale, tags);
        return await db.QuestionTypes.AnyAsync(q => q.Id == classification.QuestionTypeId)
            ? classification
            : throw new ConversationRuleException(Classification.UnknownQuestionType);
    }

    /// <summary>Oldest first: the viewer's own, or (<see cref="ToClassifyScope.Everyone"/>, supervisors only) everyone's.</summary>
    public async Task<IReadOnlyList<ToClassifyItem>> ListAsync(AuditActor viewer, ToClassifyScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        await callers.RequireAsync(viewer, scope == ToClassifyScope.Everyone ? [DeskRoles.Supervisor] : [DeskRoles.Librarian]);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Conversations.AsNoTracking().Where(Conversation.AwaitingClassification);
        if (scope == ToClassifyScope.Mine)
        {
            query = query.Where(c => c.OwnerId == viewer.Id || (c.OwnerId == null && c.FollowedUpById == viewer.Id));
        }

        var rows = await query
            .OrderBy(c => c.StartedAt)
            .Take(MaxListed)
            .Select(c => new
            {
                c.Id, c.PatronName, c.StartedAt, c.ClosedAt, c.EndedByPatron, c.FollowedUpAt, c.QuestionTypeId,
                ClassifierId = c.OwnerId ?? c.FollowedUpById,
                ClassifierName = db.Users.Where(u => u.Id == (c.OwnerId ?? c.FollowedUpById)).Select(u => u.DisplayName).FirstOrDefault(),
                FirstMessage = db.ChatMessages.Where(m => m.ConversationId == c.Id && m.Sequence == 1).Select(m => m.Text).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ToClassifyItem(
            r.Id, r.PatronName, r.StartedAt, r.ClosedAt, r.EndedByPatron, r.FollowedUpAt is not null, r.QuestionTypeId,
            r.ClassifierId, r.ClassifierName, Preview(r.FirstMessage))).ToList();
    }

    /// <summary>
    /// Records the classification of an ended conversation. Its owner (or the librarian who followed it up)
    /// classifies it, or a supervisor; anyone else is refused (<see cref="NotYours"/>).
    /// </summary>
    public async Task ClassifyAsync(AuditActor actor, Guid conversationId, int? questionTypeId, int? readScale, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await callers.RequireAsync(actor, DeskRoles.Librarian, DeskRoles.Supervisor);
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var classification = await ClassificationAsync(db, questionTypeId, readScale, tags);
            var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId)
                ?? throw new ConversationRuleException(ConversationRuleException.NotAnswered);
            if (conversation.ClassifierId != actor.Id && !await callers.AllowsAsync(actor, DeskRoles.Supervisor))
            {
                throw new ConversationRuleException(NotYours);
            }

            conversation.Classify(classification);
            await db.SaveConversationStateAsync(writes);
        }

        await notifier.PublishAsync(new ConversationClassified(conversationId));
    }

    private static string Preview(string? text) =>
        text is null ? "" : text.Length <= PreviewLength ? text : string.Concat(text.AsSpan(0, PreviewLength - 1), "…");
}
