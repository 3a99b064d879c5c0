namespace LibrarianDesk.Features.Privacy;

public static class PatronNoticeServiceCollectionExtensions
{
    public static WebApplicationBuilder AddPatronNotice(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PatronNoticeStore>();
        return builder;
    }
}
