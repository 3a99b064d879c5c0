using System.Net;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Hosting;

/// <summary>
/// Behind a TLS-terminating proxy listed in <c>Desk:ForwardedHeaders</c>, a request that arrived over
/// HTTPS (<c>X-Forwarded-Proto: https</c>) gets only <c>Secure</c> cookies; plain HTTP keeps them usable.
/// </summary>
public sealed class SecureCookieTests(SecureCookieTests.DeskBehindTls app) : IClassFixture<SecureCookieTests.DeskBehindTls>
{
    public sealed class DeskBehindTls : DeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        };
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Over_https_the_antiforgery_sign_in_and_culture_cookies_are_secure()
    {
        var cookies = await SignInAsync(https: true);

        cookies.Should().Contain(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        cookies.Should().Contain(c => c.StartsWith("LibrarianDesk.Auth=", StringComparison.Ordinal));
        cookies.Should().Contain(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        cookies.Should().OnlyContain(c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Over_plain_http_they_are_not_marked_secure_so_a_test_desk_still_works()
    {
        var cookies = await SignInAsync(https: false);

        cookies.Should().Contain(c => c.StartsWith("LibrarianDesk.Auth=", StringComparison.Ordinal));
        cookies.Should().NotContain(c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Signs in and switches language through a client that keeps cookies by hand (HttpClient would not send a Secure cookie over http).</summary>
    private async Task<List<string>> SignInAsync(bool https)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        if (https)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        }

        var jar = new Dictionary<string, string>(StringComparer.Ordinal);
        var setCookies = new List<string>();
        async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            if (jar.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", jar.Select(c => c.Key + "=" + c.Value)));
            }

            var response = await client.SendAsync(request, Cancel);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                setCookies.Add(header);
                var pair = header.Split(';')[0].Split('=', 2);
                jar[pair[0]] = pair[1];
            }

            return response;
        }

        var page = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/Account/Login"));
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = SignIn.AntiforgeryToken(await page.Content.ReadAsStringAsync(Cancel)),
            ["Input.Email"] = DeskApp.AdminEmail,
            ["Input.Password"] = DeskApp.AdminPassword,
        };
        var signedIn = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/Account/Login") { Content = new FormUrlEncodedContent(form) });
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        SignIn.RedirectPath(signedIn).Should().NotContain("Account/Login");

        (await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/culture/en?returnUrl=/"))).StatusCode.Should().Be(HttpStatusCode.Redirect);
        return setCookies;
    }
}
