namespace LibrarianDesk.Features.AuditLog;

public static class AuditLogServiceCollectionExtensions
{
    /// <summary>The audit log supervisors and IT admins read.</summary>
    public static WebApplicationBuilder AddAuditLog(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditLogQuery>();
        return builder;
    }
}
