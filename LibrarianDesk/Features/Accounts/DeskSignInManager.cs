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
    IUserConfirmation<Librarian> confirmation,
    UnknownAccountPasswordCheck unknownAccounts)
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

    /// <summary>An email that belongs to no account gets the same work and the same answer as a wrong password.</summary>
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        if (await UserManager.FindByNameAsync(userName) is { } user)
        {
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        }

        unknownAccounts.Verify(password);
        return SignInResult.Failed;
    }

    /// <summary>
    /// Identity says "locked" or "deactivated" before it looks at the password, and says "locked" for
    /// the wrong password that locks an account: both would tell anyone trying emails that the account
    /// exists, which an unknown email never shows. So only the right password learns why it is refused
    /// (its owner, or someone who could sign in anyway once the lock ends); any wrong one, on any account,
    /// gets the wrong-password answer after the same hashing.
    /// </summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(Librarian user, string password, bool lockoutOnFailure)
    {
        if (await PreSignInCheck(user) is { } refusal)
        {
            return await UserManager.CheckPasswordAsync(user, password) ? refusal : SignInResult.Failed;
        }

        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        return result.IsLockedOut ? SignInResult.Failed : result;
    }
}
