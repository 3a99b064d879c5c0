using System.Security.Claims;
using LibrarianDesk.Shared.Staff;
using Microsoft.AspNetCore.Authorization;

namespace LibrarianDesk.Features.Accounts;

/// <summary>
/// The desk's one authorisation rule: every route inherits <see cref="Staff"/> (it is both the default and
/// the fallback policy) unless it is marked anonymous or <see cref="SignedInIncomplete"/>; a route's roles are
/// added on top of it, never instead of it.
/// </summary>
public static class DeskPolicies
{
    /// <summary>A complete staff sign-in: holds a desk role, has replaced a generated password, and has two-factor where required.</summary>
    public const string Staff = "Staff";

    /// <summary>Signed in but perhaps not finished: only for the pages that finish a sign-in (change password, two-factor enrolment, sign-out).</summary>
    public const string SignedInIncomplete = "SignedInIncomplete";

    public const string AuditReaders = "AuditReaders";

    /// <summary>The claims that mean a sign-in is not finished: each opens only <see cref="SignedInIncomplete"/> routes.</summary>
    public static IReadOnlyList<string> IncompleteSignInClaims { get; } = [DeskClaimTypes.MustChangePassword, DeskClaimTypes.MustEnrolTwoFactor];

    public static bool IsIncomplete(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Claims.Any(c => IncompleteSignInClaims.Contains(c.Type));
    }

    public static AuthorizationBuilder AddDeskPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var staff = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireRole(DeskRoles.All)
            .RequireAssertion(context => !IsIncomplete(context.User))
            .Build();
        return builder
            .SetDefaultPolicy(staff)
            .SetFallbackPolicy(staff)
            .AddPolicy(Staff, staff)
            .AddPolicy(SignedInIncomplete, p => p.RequireAuthenticatedUser())
            .AddPolicy(AuditReaders, p => p.Combine(staff).RequireRole(DeskRoles.Supervisor, DeskRoles.ItAdmin));
    }

    /// <summary>
    /// A minimal-API route for a complete staff sign-in holding one of <paramref name="roles"/>; a service's own
    /// refusal (<see cref="StaffRoleRequiredException"/>) answers 403 too.
    /// </summary>
    public static TBuilder RequireStaff<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(roles);
        return builder
            .RequireAuthorization(new AuthorizeAttribute(Staff) { Roles = string.Join(',', roles) })
            .AddEndpointFilter(async (context, next) =>
            {
                try
                {
                    return await next(context);
                }
                catch (StaffRoleRequiredException)
                {
                    return Results.StatusCode(StatusCodes.Status403Forbidden);
                }
            });
    }
}
