using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Faq;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Faq;

/// <summary>The FAQ the widget searches: supervisors write, publish and order the entries.</summary>
public sealed class FaqService(StaffCaller callers, IDbContextFactory<DeskDbContext> dbFactory, AuditTrail audit)
{
    public async Task<IReadOnlyList<FaqEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.FaqEntries.AsNoTracking().OrderBy(f => f.SortOrder).ThenBy(f => f.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The published entries for a patron's query, searched and answered in her language (see <see cref="FaqSearch"/>);
    /// an empty query lists the first entries. A query over the limits is refused with <c>validation:</c>.
    /// </summary>
    public async Task<IReadOnlyList<FaqAnswer>> SearchAsync(string? query, string language, CancellationToken cancellationToken = default)
    {
        var words = FaqSearch.WordsOf(query)
            ?? throw new PatronRequestException(PatronHubContract.ErrorCodes.Validation, "Patron_Error_FaqQueryTooLong", FaqSearch.MaxQueryLength, FaqSearch.MaxWords);

        // The FAQ is a few dozen entries written by supervisors: ranking them here keeps accents and prefixes out of SQL.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var published = await db.FaqEntries.AsNoTracking().Where(f => f.IsPublished).ToListAsync(cancellationToken);
        return language == PatronLanguage.English
            ? FaqSearch.Rank(published, words, f => f.QuestionEn + " " + f.AnswerEn).Select(f => new FaqAnswer(f.Id, f.QuestionEn, f.AnswerEn)).ToList()
            : FaqSearch.Rank(published, words, f => f.QuestionId + " " + f.AnswerId).Select(f => new FaqAnswer(f.Id, f.QuestionId, f.AnswerId)).ToList();
    }

    /// <summary>Adds (id 0) or changes an entry. Returns the problems instead when a text is missing or too long.</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(AuditActor actor, FaqEntry draft)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor);
        ArgumentNullException.ThrowIfNull(draft);
        var problems = Validate(draft);
        if (problems.Count > 0)
        {
            return problems;
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var entry = draft.Id == 0 ? null : await db.FaqEntries.FindAsync(draft.Id);
        if (entry is null)
        {
            entry = new FaqEntry { SortOrder = (await db.FaqEntries.MaxAsync(f => (int?)f.SortOrder) ?? 0) + 10 };
            db.FaqEntries.Add(entry);
        }

        entry.QuestionId = draft.QuestionId.Trim();
        entry.AnswerId = draft.AnswerId.Trim();
        entry.QuestionEn = draft.QuestionEn.Trim();
        entry.AnswerEn = draft.AnswerEn.Trim();
        entry.IsPublished = draft.IsPublished;
        audit.Record(db, actor, AuditActions.FaqChanged, entry.QuestionId, entry.IsPublished ? "published" : "draft");
        await db.SaveChangesAsync();
        return [];
    }

    /// <summary>Swaps an entry with its neighbour above (-1) or below (+1).</summary>
    public async Task MoveAsync(AuditActor actor, int id, int direction)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor);
        await using var db = await dbFactory.CreateDbContextAsync();
        var ordered = await db.FaqEntries.OrderBy(f => f.SortOrder).ThenBy(f => f.Id).ToListAsync();
        var index = ordered.FindIndex(f => f.Id == id);
        var other = index + Math.Sign(direction);
        if (index < 0 || other < 0 || other >= ordered.Count)
        {
            return;
        }

        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].SortOrder = (i + 1) * 10;
        }

        (ordered[index].SortOrder, ordered[other].SortOrder) = (ordered[other].SortOrder, ordered[index].SortOrder);
        audit.Record(db, actor, AuditActions.FaqChanged, ordered[index].QuestionId, "order");
        await db.SaveChangesAsync();
    }

    public async Task DeleteAsync(AuditActor actor, int id)
    {
        await callers.RequireAsync(actor, DeskRoles.Supervisor);
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.FaqEntries.FindAsync(id) is { } entry)
        {
            db.FaqEntries.Remove(entry);
            audit.Record(db, actor, AuditActions.FaqDeleted, entry.QuestionId);
            await db.SaveChangesAsync();
        }
    }

    private static List<string> Validate(FaqEntry draft)
    {
        var problems = new List<string>();
        foreach (var (text, limit) in new[]
        {
            (draft.QuestionId, FaqEntry.MaxQuestionLength), (draft.QuestionEn, FaqEntry.MaxQuestionLength),
            (draft.AnswerId, FaqEntry.MaxAnswerLength), (draft.AnswerEn, FaqEntry.MaxAnswerLength),
        })
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                problems.Add(FaqErrors.Required);
            }
            else if (text.Trim().Length > limit)
            {
                problems.Add(FaqErrors.TooLong);
            }
        }

        return problems.Distinct().ToList();
    }
}

public static class FaqErrors
{
    public const string Required = "FaqRequired";
    public const string TooLong = "FaqTooLong";
}
