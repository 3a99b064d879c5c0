using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Queue;

/// <summary>Conversations started the way the widget starts them, straight through <see cref="PatronChat"/>.</summary>
internal static class Conversations
{
    public static async Task<Guid> StartAsync(
        DeskApp app, string patronName = "Siti Rahma", string? memberNumber = null, string text = "Saya mencari koleksi peta Batavia.") =>
        (await StartedAsync(app, patronName, memberNumber, text)).ConversationId;

    /// <summary>The started conversation with its patron token (to act as the patron, e.g. end it).</summary>
    public static async Task<StartConversationResponse> StartedAsync(
        DeskApp app, string patronName = "Siti Rahma", string? memberNumber = null, string text = "Saya mencari koleksi peta Batavia.",
        string? email = "patron@contoh.id")
    {
        var questionType = await FirstQuestionTypeAsync(app);
        var started = await app.Service<PatronChat>().StartAsync(
            new StartConversationRequest(patronName, email, memberNumber, questionType.Id, text, PatronClient.NewMessageId(),
                PageUrl: "https://perpusnas.go.id/layanan"),
            "id");
        return started.Response;
    }

    public static async Task<QuestionType> FirstQuestionTypeAsync(DeskApp app) =>
        (await app.Service<QuestionTypeCatalog>().ActiveAsync())[0];

    public static async Task<Conversation> ReadAsync(DeskApp app, Guid id)
    {
        await using var db = app.CreateDbContext();
        return await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == id);
    }
}
