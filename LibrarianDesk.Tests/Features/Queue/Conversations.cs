using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Queue;

/// <summary>Conversations started the way the widget starts them, straight through <see cref="ChatService"/>.</summary>
internal static class Conversations
{
    public static async Task<Guid> StartAsync(
        DeskApp app, string patronName = "Siti Rahma", string? memberNumber = null, string text = "Saya mencari koleksi peta Batavia.")
    {
        var questionType = await FirstQuestionTypeAsync(app);
        var started = await app.Service<ChatService>().StartAsync(
            new StartConversationRequest(patronName, "patron@contoh.id", memberNumber, questionType.Id, text, PatronClient.NewMessageId(),
                PageUrl: "https://perpusnas.go.id/layanan"),
            "id");
        return started.Response.ConversationId;
    }

    public static async Task<QuestionType> FirstQuestionTypeAsync(DeskApp app)
    {
        await using var db = app.CreateDbContext();
        return await db.QuestionTypes.AsNoTracking().Where(q => q.IsActive).OrderBy(q => q.SortOrder).FirstAsync();
    }

    public static async Task<Conversation> ReadAsync(DeskApp app, Guid id)
    {
        await using var db = app.CreateDbContext();
        return await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == id);
    }
}
