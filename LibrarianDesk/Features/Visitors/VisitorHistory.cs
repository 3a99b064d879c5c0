using LibrarianDesk.Data;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Visitors;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Visitors;

/// <summary>What the desk already knows of a browser when its visit begins: earlier visits, an open conversation.</summary>
public sealed class VisitorHistory(IDbContextFactory<DeskDbContext> dbFactory)
{
    public async Task<KnownVisitor> LookUpAsync(string visitorId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var returning = await db.Visits.AnyAsync(v => v.VisitorId == visitorId, cancellationToken)
            || await db.Conversations.AnyAsync(c => c.VisitorId == visitorId, cancellationToken);
        var open = await ChatOfAsync(db, c => c.VisitorId == visitorId && (c.Status == ConversationStatus.Waiting || c.Status == ConversationStatus.Active), cancellationToken);
        return new KnownVisitor(returning, open?.State ?? VisitorChatState.Browsing, open?.LibrarianName, open?.ConversationId);
    }

    /// <summary>The visitor a conversation belongs to and where it stands, or null when the widget gave no visitor id.</summary>
    public async Task<(string VisitorId, VisitorChatState State, string? LibrarianName)?> ConversationAsync(Guid conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var chat = await ChatOfAsync(db, c => c.Id == conversationId, cancellationToken);
        return chat is { VisitorId: { } visitorId } ? (visitorId, chat.State, chat.LibrarianName) : null;
    }

    /// <summary>The visitor's conversations, newest first (for the "earlier conversations" of the live list).</summary>
    public async Task<IReadOnlyList<VisitorConversation>> ConversationsAsync(string visitorId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Conversations.AsNoTracking()
            .Where(c => c.VisitorId == visitorId)
            .OrderByDescending(c => c.StartedAt)
            .Take(20)
            .Select(c => new VisitorConversation(c.Id, c.StartedAt, c.Status, c.PatronName))
            .ToListAsync(cancellationToken);
    }

    private static async Task<ChatOfVisitor?> ChatOfAsync(
        DeskDbContext db, System.Linq.Expressions.Expression<Func<Conversation, bool>> which, CancellationToken cancellationToken)
    {
        var row = await db.Conversations.AsNoTracking().Where(which)
            .OrderByDescending(c => c.StartedAt)
            .Select(c => new { c.Id, c.VisitorId, c.Status, Owner = db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault() })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new ChatOfVisitor(row.Id, row.VisitorId, StateOf(row.Status), row.Owner);
    }

    private static VisitorChatState StateOf(ConversationStatus status) => status switch
    {
        ConversationStatus.Waiting => VisitorChatState.Waiting,
        ConversationStatus.Active => VisitorChatState.Chatting,
        _ => VisitorChatState.Browsing,
    };

    private sealed record ChatOfVisitor(Guid ConversationId, string? VisitorId, VisitorChatState State, string? LibrarianName);
}

public sealed record KnownVisitor(bool Returning, VisitorChatState ChatState, string? LibrarianName, Guid? ConversationId);

public sealed record VisitorConversation(Guid ConversationId, DateTimeOffset StartedAt, ConversationStatus Status, string PatronName);
