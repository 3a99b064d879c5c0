namespace LibrarianDesk.Features.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit trail every feature writes to, and the log IT admins read.</summary>
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<AuditLogQuery>();
        return builder;
    }
}
