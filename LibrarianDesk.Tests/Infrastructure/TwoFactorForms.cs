using System.Net;
using System.Text.RegularExpressions;
using LibrarianDesk.Features.Accounts;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>The two-factor pages driven as a browser without JavaScript would: enrolment and the sign-in's second step.</summary>
public static partial class TwoFactorForms
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The key the enrolment page shows, as typed into an app.</summary>
    public static string Key(string enrolmentPage)
    {
        var match = KeyPattern().Match(enrolmentPage);
        match.Success.Should().BeTrue("the enrolment page should show the key in text");
        return match.Groups[1].Value;
    }

    public static IReadOnlyList<string> RecoveryCodes(string html) =>
        RecoveryCodePattern().Matches(html).Select(m => m.Groups[1].Value).ToList();

    public static async Task<HttpResponseMessage> PostEnrolmentAsync(HttpClient client, string page, string code) =>
        await client.PostAsync(AccountPaths.TwoFactor, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "two-factor-enrol",
            ["__RequestVerificationToken"] = SignIn.AntiforgeryToken(page),
            ["EnrolInput.Code"] = code,
        }), Cancel);

    /// <summary>Enrols the signed-in account of <paramref name="client"/>: its key and its ten recovery codes.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetStringAsync(AccountPaths.TwoFactor, Cancel);
        var key = Key(page);
        var response = await PostEnrolmentAsync(client, page, Totp.Code(key));
        response.StatusCode.Should().Be(HttpStatusCode.OK, response.Headers.Location?.ToString());
        var codes = RecoveryCodes(await response.Content.ReadAsStringAsync(Cancel));
        codes.Should().HaveCount(10);
        return (key, codes);
    }

    /// <summary>Posts the second step of a sign-in (the password was posted before, on the same client).</summary>
    public static async Task<HttpResponseMessage> PostCodeAsync(HttpClient client, string code, bool rememberBrowser = false, bool recovery = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        var url = recovery ? AccountPaths.LoginSecondStep + "?Recovery=true" : AccountPaths.LoginSecondStep;
        var page = await client.GetStringAsync(url, Cancel);
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "signin-code",
            ["__RequestVerificationToken"] = SignIn.AntiforgeryToken(page),
            ["Input.Code"] = code,
        };
        if (rememberBrowser)
        {
            form["Input.RememberBrowser"] = "True";
        }

        return await client.PostAsync(url, new FormUrlEncodedContent(form), Cancel);
    }

    /// <summary>Password, then the app's code: asserts both steps and the redirect into the desk.</summary>
    public static async Task SignInAsync(HttpClient client, string email, string password, string key, bool rememberBrowser = false)
    {
        var first = await SignIn.PostAsync(client, email, password);
        first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        SignIn.RedirectPath(first).Should().StartWith(AccountPaths.LoginSecondStep);
        var second = await PostCodeAsync(client, Totp.Code(key), rememberBrowser);
        second.StatusCode.Should().Be(HttpStatusCode.Redirect, "the right code should sign in");
        SignIn.RedirectPath(second).Should().Be("/");
    }

    public static async Task SignOutAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetStringAsync(AccountPaths.TwoFactor, Cancel);
        var response = await client.PostAsync(AccountPaths.Logout, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignIn.AntiforgeryToken(page),
        }), Cancel);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [GeneratedRegex("data-testid=\"authenticator-key\"[^>]*>([^<]+)<")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("data-testid=\"recovery-code\"[^>]*>([^<]+)<")]
    private static partial Regex RecoveryCodePattern();
}
