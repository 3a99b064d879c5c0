using LibrarianDesk.Data;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Conversations;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Conversations;

/// <summary>
/// What each librarian has not read yet, kept in the database so that it holds across tabs and restarts:
/// the patron's messages after the librarian's read mark (<see cref="ConversationReadMark"/>). Only the
/// patron's words count: replies, notes and system lines ask nothing of the librarian.
/// </summary>
public sealed class UnreadMessages(IDbContextFactory<DeskDbContext> dbFactory, SqliteWriteGate writes, DeskNotifier notifier)
{
    /// <summary>
    /// The conversations a librarian is answerable for, waiting ones and their own active ones,
    /// oldest first, each with the number of patron messages the librarian has not read and the sequence that count goes up to
    /// (both from one statement, so an event for a later message can be counted on top without counting twice).
    /// </summary>
    public async Task<IReadOnlyList<UnreadConversation>> ForAsync(string librarianId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(librarianId);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Conversations.AsNoTracking()
            .Where(c => c.Status == ConversationStatus.Waiting || (c.Status == ConversationStatus.Active && c.OwnerId == librarianId))
            .OrderBy(c => c.StartedAt)
            .Select(c => new
            {
                c.Id,
                c.PatronName,
                c.Status,
                c.LastSequence,
                ReadUpTo = db.ConversationReadMarks.Where(m => m.ConversationId == c.Id && m.LibrarianId == librarianId)
                    .Select(m => (int?)m.LastReadSequence).FirstOrDefault() ?? 0,
            })
            .Select(c => new UnreadConversation(
                c.Id, c.PatronName, c.Status == ConversationStatus.Active,
                db.ChatMessages.Count(m => m.ConversationId == c.Id && m.Author == MessageAuthor.Patron && m.Sequence > c.ReadUpTo),
                c.LastSequence))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The librarian has seen the conversation up to <paramref name="sequence"/>. One statement decides: the
    /// mark is created, or moved only forward, and never past the conversation's last message (so a message
    /// still to come is never marked read); nothing happens for a conversation that does not exist. Returns
    /// whether the mark moved; when it did, the librarian's other screens are told.
    /// </summary>
    public async Task<bool> MarkReadAsync(string librarianId, Guid conversationId, int sequence, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(librarianId);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        int moved;
        using (await writes.EnterAsync(cancellationToken))
        {
            // One statement for both engines: quoted names, and CASE for the smaller value (SQLite's MIN(a, b) is LEAST on PostgreSQL).
            // The WHERE on the SELECT is also what lets SQLite read ON CONFLICT as the upsert clause.
            moved = await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "ConversationReadMarks" ("ConversationId", "LibrarianId", "LastReadSequence")
                SELECT "Id", {librarianId}, CASE WHEN {sequence} < "LastSequence" THEN {sequence} ELSE "LastSequence" END
                FROM "Conversations" WHERE "Id" = {conversationId}
                ON CONFLICT ("ConversationId", "LibrarianId") DO UPDATE SET "LastReadSequence" = excluded."LastReadSequence"
                WHERE excluded."LastReadSequence" > "ConversationReadMarks"."LastReadSequence"
                """,
                cancellationToken);
        }

        if (moved == 0)
        {
            return false;
        }

        var readUpTo = await db.ConversationReadMarks.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.LibrarianId == librarianId)
            .Select(m => m.LastReadSequence).SingleAsync(cancellationToken);
        await notifier.PublishAsync(new ConversationRead(conversationId, librarianId, readUpTo));
        return true;
    }
}

/// <summary>
/// A conversation a librarian answers for: waiting for anyone, or active and theirs (<see cref="IsMine"/>), with
/// the patron messages that librarian has not read, counted up to <see cref="LastSequence"/>.
/// </summary>
public sealed record UnreadConversation(Guid ConversationId, string PatronName, bool IsMine, int Unread, int LastSequence);
