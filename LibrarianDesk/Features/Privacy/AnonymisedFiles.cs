using LibrarianDesk.Data;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Privacy;

/// <summary>
/// A conversation's files go when it is anonymised, whether its texts are kept or not (a screenshot or a scanned card is
/// personal data): <c>Conversation.Anonymise</c> marks each attachment removed, and this deletes the bytes in the same
/// transaction as that save, one statement for the whole batch. The retention job and an erase on request both save
/// through it.
/// </summary>
internal static class AnonymisedFiles
{
    public static async Task SaveAsync(DeskDbContext db, SqliteWriteGate writes, IReadOnlyCollection<Guid> anonymised, CancellationToken cancellationToken)
    {
        using (await writes.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (anonymised.Count > 0)
            {
                // SQLite would only mark the pages free, leaving the pictures readable in the file until the space is
                // reused: secure_delete overwrites them. PostgreSQL frees them at its next vacuum (docs/database.md).
                var sqlite = db.Database.IsSqlite();
                if (sqlite)
                {
                    await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON", cancellationToken);
                }

                await db.AttachmentContents.Where(c => anonymised.Contains(c.ConversationId)).ExecuteDeleteAsync(cancellationToken);
                if (sqlite)
                {
                    await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = OFF", cancellationToken);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
