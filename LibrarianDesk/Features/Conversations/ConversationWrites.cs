using LibrarianDesk.Data;
using LibrarianDesk.Shared.Conversations;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Conversations;

/// <summary>The commit and the ownership check the librarians' changes through the domain model share.</summary>
internal static class ConversationWrites
{
    private const int MaxWriteAttempts = 5;

    /// <summary>
    /// An append's commit; false when another writer took its sequence number, or the same message id arrived
    /// twice, and the append must read the conversation and decide again (until the last attempt, which throws).
    /// </summary>
    public static async Task<bool> CommittedAsync(this DeskDbContext db, SqliteWriteGate writes, int attempt)
    {
        try
        {
            using (await writes.EnterAsync())
            {
                await db.SaveChangesAsync();
            }

            return true;
        }
        catch (DbUpdateException) when (attempt < MaxWriteAttempts)
        {
            return false;
        }
    }

    /// <summary>Only the librarian serving a conversation closes or hands it on.</summary>
    public static async Task RequireOwnerAsync(this DeskDbContext db, Conversation conversation, string librarianId)
    {
        if (conversation.OwnerId != librarianId)
        {
            throw await db.TakenAsync(conversation.Id, conversation.Status, conversation.OwnerId);
        }
    }

    /// <summary>The refusal for a librarian who does not serve the conversation, naming who does.</summary>
    public static async Task<ConversationTakenException> TakenAsync(this DeskDbContext db, Guid conversationId, ConversationStatus status, string? ownerId)
    {
        var owner = ownerId is null ? null : await db.Users.Where(u => u.Id == ownerId).Select(u => u.DisplayName).SingleOrDefaultAsync();
        return new ConversationTakenException(conversationId, status, owner);
    }
}
