using LibrarianDesk.Data;
using LibrarianDesk.Shared.Conversations;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Conversations;

/// <summary>The question types a patron or librarian can choose now: the active ones, in the library's order.</summary>
public sealed class QuestionTypeCatalog(IDbContextFactory<DeskDbContext> dbFactory)
{
    public async Task<IReadOnlyList<QuestionType>> ActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.QuestionTypes.AsNoTracking().Where(q => q.IsActive).OrderBy(q => q.SortOrder).ToListAsync(cancellationToken);
    }
}
