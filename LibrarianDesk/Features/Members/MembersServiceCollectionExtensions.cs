namespace LibrarianDesk.Features.Members;

public static class MembersServiceCollectionExtensions
{
    public static WebApplicationBuilder AddMembers(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<MemberService>();
        return builder;
    }
}
