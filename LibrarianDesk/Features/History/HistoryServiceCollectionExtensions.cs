namespace LibrarianDesk.Features.History;

public static class HistoryServiceCollectionExtensions
{
    /// <summary>Transcript search and the read-only transcript with its export.</summary>
    public static WebApplicationBuilder AddHistory(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<HistorySearch>();
        return builder;
    }
}
