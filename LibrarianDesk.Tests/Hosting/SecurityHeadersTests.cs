using System.Net;
using LibrarianDesk.Hosting;
using LibrarianDesk.Shared.Members;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Hosting;

public sealed class SecurityHeadersTests(DeskApp app) : IClassFixture<DeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_sign_in_page_carries_the_desks_policy_and_headers()
    {
        using var client = app.CreateBrowserClient();
        var response = await client.GetAsync("/Account/Login", Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ShouldCarryTheDesksHeaders(response);
    }

    [Fact]
    public async Task A_signed_in_page_and_a_status_page_carry_them()
    {
        using var client = app.CreateBrowserClient();
        await SignIn.AsAsync(client, DeskApp.AdminEmail, DeskApp.AdminPassword);

        var dashboard = await client.GetAsync("/", Cancel);
        dashboard.StatusCode.Should().Be(HttpStatusCode.OK);
        ShouldCarryTheDesksHeaders(dashboard);

        var missing = await client.GetAsync("/no-such-page", Cancel);
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        ShouldCarryTheDesksHeaders(missing);
    }

    [Fact]
    public async Task The_member_download_carries_them_and_writes_a_formula_as_text()
    {
        await using (var db = app.CreateDbContext())
        {
            db.Members.Add(new Member
            {
                MemberNumber = "PNFORMULA1",
                FullName = "=HYPERLINK(\"http://evil.test\",\"klik\")",
                Phone = "+6281234567890",
                BirthDate = new DateOnly(1990, 8, 17),
                RegisteredOn = new DateOnly(2024, 1, 10),
                ExpiresOn = new DateOnly(2030, 1, 10),
            });
            await db.SaveChangesAsync(Cancel);
        }

        using var supervisor = await SignIn.NewClientWithRoleAsync(app, DeskRoles.Supervisor);
        var response = await supervisor.GetAsync("/members.csv", Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ShouldCarryTheDesksHeaders(response);
        var csv = await response.Content.ReadAsStringAsync(Cancel);
        csv.Should().Contain("PNFORMULA1,\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"klik\"\")\"").And.Contain(",\"'+6281234567890\",");
    }

    [Theory]
    [InlineData("/widget.js")]
    [InlineData("/widget/widget.css")]
    [InlineData("/widget/vendor/signalr.min.js")]
    [InlineData("/widget/strings/id")]
    public async Task The_widgets_files_are_not_sniffed_and_carry_no_policy_that_would_stop_an_embed(string path)
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var response = await client.GetAsync(path, Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.Contains("Content-Security-Policy").Should().BeFalse();
        response.Headers.Contains("Referrer-Policy").Should().BeFalse();
    }

    [Fact]
    public async Task The_patron_hub_answers_without_a_page_policy()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var response = await client.PostAsync("/hubs/patron/negotiate?negotiateVersion=1", null, Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.Contains("Content-Security-Policy").Should().BeFalse();
    }

    [Fact]
    public async Task The_demo_page_keeps_a_policy_that_allows_its_own_widget()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        var response = await client.GetAsync("/demo", Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.Contain("connect-src 'self'")
            .And.Contain("img-src 'self' data: blob:;", "the widget shows a chat's pictures from blob: addresses")
            .And.Contain("frame-ancestors 'none'");
        (await response.Content.ReadAsStringAsync(Cancel)).Should().Contain("<script async src=\"/widget.js\"");
    }

    private static void ShouldCarryTheDesksHeaders(HttpResponseMessage response)
    {
        var policy = response.Headers.GetValues("Content-Security-Policy").Should().ContainSingle().Subject;
        policy.Should().Be(SecurityHeaders.DeskContentSecurityPolicy);
        policy.Should().Contain("frame-ancestors 'none'").And.Contain("script-src 'self';").And.Contain("object-src 'none'")
            .And.Contain("base-uri 'self'").And.Contain("form-action 'self'").And.NotContain("unsafe-eval");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("strict-origin-when-cross-origin");
        response.Headers.GetValues("Permissions-Policy").Single().Should().Contain("camera=()").And.Contain("microphone=()").And.Contain("geolocation=()");
    }
}
