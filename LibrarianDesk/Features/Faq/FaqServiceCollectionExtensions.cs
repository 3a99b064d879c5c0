namespace LibrarianDesk.Features.Faq;

public static class FaqServiceCollectionExtensions
{
    /// <summary>The FAQ the widget searches and supervisors keep.</summary>
    public static WebApplicationBuilder AddFaq(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FaqService>();
        return builder;
    }
}
