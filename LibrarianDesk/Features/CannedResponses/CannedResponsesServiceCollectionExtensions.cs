namespace LibrarianDesk.Features.CannedResponses;

public static class CannedResponsesServiceCollectionExtensions
{
    /// <summary>The team's canned responses, inserted in the workspace and used as greetings.</summary>
    public static WebApplicationBuilder AddCannedResponses(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CannedResponseService>();
        return builder;
    }
}
