using System.Text;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace LibrarianDesk.Features.Accounts;

/// <summary>
/// The authenticator-app side of an account, on Identity's own key and recovery-code store: what the
/// enrolment page shows, what a code looks like, and how the factor is turned off (by its owner or an IT admin).
/// </summary>
public static class Authenticator
{
    /// <summary>The name authenticator apps list the entry under.</summary>
    public const string Issuer = "LibrarianDesk";

    public const int RecoveryCodeCount = 10;

    /// <summary>Longer than any code or recovery code with spaces; anything longer is refused unread.</summary>
    public const int MaxCodeInputLength = 32;

    /// <summary>
    /// The account's key, created on first use. Written straight to the store: Identity's
    /// <c>ResetAuthenticatorKeyAsync</c> would also change the security stamp and so sign the account out of
    /// its open desk just for looking at this page; an unconfirmed key changes nothing until a code confirms it.
    /// </summary>
    public static async Task<string> KeyAsync(UserManager<Librarian> users, IUserStore<Librarian> store, Librarian account)
    {
        ArgumentNullException.ThrowIfNull(users);
        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            key = users.GenerateNewAuthenticatorKey();
            await ((IUserAuthenticatorKeyStore<Librarian>)store).SetAuthenticatorKeyAsync(account, key, CancellationToken.None);
            var saved = await users.UpdateAsync(account);
            if (!saved.Succeeded)
            {
                throw new InvalidOperationException("The authenticator key could not be saved: " + string.Join(", ", saved.Errors.Select(e => e.Code)));
            }
        }

        return key;
    }

    /// <summary>The key as people copy it by hand: lower case, in groups of four.</summary>
    public static string FormatKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }

    public static string OtpAuthUri(string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";

    /// <summary>The URI as an inline SVG QR code, drawn here: the key never leaves the server for a QR service.</summary>
    public static string QrCodeSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    /// <summary>A six-digit code as typed ("123 456", "123-456") without its separators; null when it is too long to be one.</summary>
    public static string? NormaliseCode(string? input) =>
        input is null || input.Length > MaxCodeInputLength
            ? null
            : new string(input.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    /// <summary>A recovery code as stored ("ABCDE-FGHIJ"), whatever the case and spacing it was typed with.</summary>
    public static string? NormaliseRecoveryCode(string? input)
    {
        var compact = NormaliseCode(input)?.ToUpperInvariant();
        return compact is { Length: 10 } ? $"{compact[..5]}-{compact[5..]}" : compact;
    }

    public static async Task<bool> VerifyCodeAsync(UserManager<Librarian> users, Librarian account, string? input)
    {
        ArgumentNullException.ThrowIfNull(users);
        return NormaliseCode(input) is { Length: > 0 } code
            && await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code);
    }

    /// <summary>
    /// Two-factor sign-in off, a new unconfirmed key, no recovery codes; the new security stamp ends every
    /// session and forgets every remembered browser.
    /// </summary>
    public static async Task<IdentityResult> TurnOffAsync(UserManager<Librarian> users, Librarian account)
    {
        ArgumentNullException.ThrowIfNull(users);
        var steps = new Func<Task<IdentityResult>>[]
        {
            () => users.SetTwoFactorEnabledAsync(account, false),
            () => users.ResetAuthenticatorKeyAsync(account),
            async () => await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 0) is null
                ? IdentityResult.Failed(users.ErrorDescriber.DefaultError())
                : IdentityResult.Success,
        };
        foreach (var step in steps)
        {
            var result = await step();
            if (!result.Succeeded)
            {
                return result;
            }
        }

        return IdentityResult.Success;
    }
}
