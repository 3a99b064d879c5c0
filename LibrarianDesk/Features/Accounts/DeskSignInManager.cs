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

    /// <summary>
    /// Identity redeems a recovery code even for a locked-out account and never counts a wrong one: here a
    /// recovery code goes through the same checks and the same failure count as a password or an app code.
    /// </summary>
    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return SignInResult.Failed;
        }

        if (await PreSignInCheck(user) is { } refused)
        {
            return refused;
        }

        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (result.Succeeded || !UserManager.SupportsUserLockout)
        {
            return result;
        }

        await UserManager.AccessFailedAsync(user);
        return await UserManager.IsLockedOutAsync(user) ? await LockedOut(user) : result;
    }
}
