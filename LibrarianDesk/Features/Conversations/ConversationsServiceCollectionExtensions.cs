using LibrarianDesk.Features.Privacy;

namespace LibrarianDesk.Features.Conversations;

public static class ConversationsServiceCollectionExtensions
{
    /// <summary>The conversation rules and the librarians' reads of conversations.</summary>
    public static WebApplicationBuilder AddConversations(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ChatOptions>(builder.Configuration.GetSection("Desk:Chat"));
        builder.Services.AddSingleton<ChatMessageWriter>();
        builder.Services.AddSingleton<PatronInput>();
        builder.Services.AddSingleton<ConversationOrder>();
        builder.Services.AddSingleton<PatronChat>();
        builder.Services.AddSingleton<LibrarianChat>();
        builder.Services.AddSingleton<ConversationLifecycle>();
        builder.Services.AddSingleton<ConversationQueries>();
        builder.Services.AddSingleton<QuestionTypeCatalog>();
        builder.Services.AddSingleton<ConversationClassifier>();
        builder.Services.AddSingleton<UnreadMessages>();

        // Privacy's data export asks for the patron's transcripts through its own interface.
        builder.Services.AddSingleton<IPatronTranscripts, PatronTranscripts>();

        // A new IP block ends the conversations of the patrons it covers.
        builder.Services.AddHostedService<PatronBlockEnforcer>();

        // A transcript asked for goes out by mail once the conversation has ended.
        builder.Services.AddSingleton<TranscriptMailer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TranscriptMailer>());
        return builder;
    }
}
