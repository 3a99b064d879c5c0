using LibrarianDesk.Shared.Staff;
using Microsoft.AspNetCore.Authorization;

namespace LibrarianDesk.Features.Accounts;

public static class DeskPolicies
{
    /// <summary>Any account holding at least one desk role.</summary>
    public const string Staff = "Staff";

    public const string AuditReaders = "AuditReaders";

    public static AuthorizationBuilder AddDeskPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            // A generated or reset password opens nothing but the change-password page.
            .AddPolicy(Staff, p => p
                .RequireRole(DeskRoles.All)
                .RequireAssertion(context => !context.User.HasClaim(c => c.Type == DeskClaimTypes.MustChangePassword)))
            .AddPolicy(AuditReaders, p => p.RequireRole(DeskRoles.Supervisor, DeskRoles.ItAdmin));
    }
}
