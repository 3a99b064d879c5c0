namespace LibrarianDesk.Features.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit trail every feature writes to.</summary>
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditTrail>();
        return builder;
    }
}
