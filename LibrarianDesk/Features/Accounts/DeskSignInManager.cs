using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Accounts;

/// <summary>Identity's sign-in, refusing deactivated accounts (sign-in answers NotAllowed).</summary>
internal sealed class DeskSignInManager(
    UserManager<Librarian> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<Librarian> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<Librarian>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Librarian> confirmation)
    : SignInManager<Librarian>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(Librarian user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsActive && await base.CanSignInAsync(user);
    }
}
