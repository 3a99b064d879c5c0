using System.Security.Claims;
using LibrarianDesk.Shared.Staff;

namespace LibrarianDesk.Features.Accounts;

/// <summary>
/// What a sign-in still lacks before the desk opens: a chosen password first, then an authenticator app
/// where the account's role requires one. The staff policy refuses such a session everywhere; this says
/// which page a page load is sent to instead (the cookie's access-denied redirect, and the layout for
/// in-app navigation).
/// </summary>
public static class SignInSteps
{
    public static string? Pending(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(c => c.Type == DeskClaimTypes.MustChangePassword) ? AccountPaths.ChangePassword
            : user.HasClaim(c => c.Type == DeskClaimTypes.MustEnrolTwoFactor) ? AccountPaths.TwoFactor
            : null;
    }
}
