using System.Security.Claims;
using LibrarianDesk.Shared.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Accounts;

internal sealed class DeskClaimsPrincipalFactory(
    UserManager<Librarian> userManager, RoleManager<IdentityRole> roleManager, IOptions<IdentityOptions> options,
    TwoFactorRequirements twoFactorRequirements)
    : UserClaimsPrincipalFactory<Librarian, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Librarian user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DeskClaimTypes.DisplayName, user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(DeskClaimTypes.MustChangePassword, "true"));
        }

        if (await MustEnrolTwoFactorAsync(user, identity))
        {
            identity.AddClaim(new Claim(DeskClaimTypes.MustEnrolTwoFactor, "true"));
        }

        return identity;
    }

    // The principal is rebuilt on every request (the security stamp is checked each time), so a role's new
    // requirement reaches its signed-in accounts at their next page load, and enrolling clears the mark.
    private async Task<bool> MustEnrolTwoFactorAsync(Librarian user, ClaimsIdentity identity) =>
        !user.TwoFactorEnabled
        && await twoFactorRequirements.IsRequiredForAnyAsync(identity.FindAll(identity.RoleClaimType).Select(c => c.Value));
}
