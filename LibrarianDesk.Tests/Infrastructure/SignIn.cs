using System.Net;
using System.Text.RegularExpressions;

namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>Signs in through the real sign-in form, as a browser without JavaScript would.</summary>
public static partial class SignIn
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var page = await client.GetStringAsync("/Account/Login");
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        };
        var url = returnUrl is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    /// <summary>Signs in and asserts it worked (a redirect away from the sign-in page).</summary>
    public static async Task AsAsync(HttpClient client, string email, string password)
    {
        var response = await PostAsync(client, email, password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"signing in as {email} should succeed");
        RedirectPath(response).Should().NotContain("Account/Login");
    }

    /// <summary>A browser client signed in as a new account holding <paramref name="role"/>.</summary>
    public static async Task<HttpClient> NewClientWithRoleAsync(DeskApp app, string role)
    {
        ArgumentNullException.ThrowIfNull(app);
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        await StaffAccounts.CreateAsync(app, email, [role]);
        var client = app.CreateBrowserClient();
        await AsAsync(client, email, DeskApp.StaffPassword);
        return client;
    }

    /// <summary>Where a redirect leads, as a path (Blazor writes absolute URLs, middleware relative ones).</summary>
    public static string RedirectPath(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"{response.StatusCode} is not a redirect");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        match.Success.Should().BeTrue("the page should carry an antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
