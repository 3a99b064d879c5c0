using System.Net;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Accounts;

public sealed class SignInTests(DeskApp app) : IClassFixture<DeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<HttpClient> SignedInClientAsync(string role) => SignIn.NewClientWithRoleAsync(app, role);

    [Fact]
    public async Task The_bootstrap_administrator_signs_in_and_reaches_the_dashboard()
    {
        using var client = app.CreateBrowserClient();
        var response = await SignIn.PostAsync(client, DeskApp.AdminEmail, DeskApp.AdminPassword);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        SignIn.RedirectPath(response).Should().Be("/");

        var dashboard = await client.GetAsync("/", Cancel);
        dashboard.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await dashboard.Content.ReadAsStringAsync(Cancel);
        html.Should().Contain("Administrator").And.Contain("Meja layanan");
    }

    [Fact]
    public async Task A_configured_administrator_is_not_reported_as_generated_and_needs_no_password_change()
    {
        app.Bootstrap.Reports.Should().BeEmpty();
        using var client = app.CreateBrowserClient();
        await SignIn.AsAsync(client, DeskApp.AdminEmail, DeskApp.AdminPassword);
        (await client.GetAsync("/", Cancel)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_clear_message_and_no_session()
    {
        using var client = app.CreateBrowserClient();
        var response = await SignIn.PostAsync(client, DeskApp.AdminEmail, "not-the-password");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Cancel)).Should().Contain("Email atau kata sandi salah.");
        (await client.GetAsync("/", Cancel)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Empty_fields_are_refused_with_a_message()
    {
        using var client = app.CreateBrowserClient();
        var response = await SignIn.PostAsync(client, "", "");
        (await response.Content.ReadAsStringAsync(Cancel)).Should().Contain("Isi email dan kata sandi Anda.");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await StaffAccounts.CreateAsync(app, "lockout@test.local", [DeskRoles.Librarian]);
        using var client = app.CreateBrowserClient();
        for (var i = 0; i < 5; i++)
        {
            await SignIn.PostAsync(client, "lockout@test.local", "wrong-password");
        }

        var response = await SignIn.PostAsync(client, "lockout@test.local", DeskApp.StaffPassword);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Cancel)).Should().Contain("dikunci sementara").And.Contain("15 menit");

        await using var db = app.CreateDbContext();
        (await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.SignInLockedOut && a.Target == "lockout@test.local", Cancel))
            .Should().BeTrue();
    }

    [Fact]
    public async Task Sign_in_attempts_are_written_to_the_audit_log()
    {
        await StaffAccounts.CreateAsync(app, "audited@test.local", [DeskRoles.Librarian], "Audited Librarian");
        using var client = app.CreateBrowserClient();
        await SignIn.PostAsync(client, "audited@test.local", "wrong-password");
        await SignIn.AsAsync(client, "audited@test.local", DeskApp.StaffPassword);

        await using var db = app.CreateDbContext();
        var actions = await db.AuditEntries.Where(a => a.Target == "audited@test.local").Select(a => a.Action).ToListAsync(Cancel);
        actions.Should().Contain(AuditActions.SignInFailed).And.Contain(AuditActions.SignInSucceeded);
    }

    [Fact]
    public async Task Something_typed_into_the_email_box_that_is_no_email_stays_out_of_the_audit_log()
    {
        using var client = app.CreateBrowserClient();
        await SignIn.PostAsync(client, "MySecretPassword-2026", "whatever");
        await SignIn.PostAsync(client, new string('x', 5000) + "@test.local", "whatever");

        await using var db = app.CreateDbContext();
        var failed = await db.AuditEntries.Where(a => a.Action == AuditActions.SignInFailed).ToListAsync(Cancel);
        failed.Should().NotContain(a => a.ActorName.Contains("MySecretPassword") || (a.Target ?? "").Contains("MySecretPassword"));
        failed.Should().OnlyContain(a => a.ActorName.Length <= 256);
    }

    [Theory]
    [InlineData("/admin/accounts", DeskRoles.Librarian)]
    [InlineData("/admin/accounts", DeskRoles.Supervisor)]
    [InlineData("/admin/service-hours", DeskRoles.Librarian)]
    [InlineData("/admin/service-hours", DeskRoles.ItAdmin)]
    [InlineData("/admin/audit", DeskRoles.Librarian)]
    [InlineData("/admin/service-hours/holidays.csv", DeskRoles.Librarian)]
    public async Task A_page_outside_the_accounts_roles_answers_403(string path, string role)
    {
        using var client = await SignedInClientAsync(role);

        var response = await client.GetAsync(path, Cancel);
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        if (!path.EndsWith(".csv", StringComparison.Ordinal))
        {
            (await response.Content.ReadAsStringAsync(Cancel)).Should().Contain("Akses ditolak");
        }
    }

    [Theory]
    [InlineData("/admin/accounts", DeskRoles.ItAdmin)]
    [InlineData("/admin/service-hours", DeskRoles.Supervisor)]
    [InlineData("/admin/audit", DeskRoles.Supervisor)]
    [InlineData("/admin/audit", DeskRoles.ItAdmin)]
    public async Task A_page_within_the_accounts_roles_opens(string path, string role)
    {
        using var client = await SignedInClientAsync(role);

        (await client.GetAsync(path, Cancel)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_supervisor_downloads_the_holidays_as_CSV()
    {
        await StaffAccounts.CreateAsync(app, "csv-supervisor@test.local", [DeskRoles.Supervisor]);
        using var client = app.CreateBrowserClient();
        await SignIn.AsAsync(client, "csv-supervisor@test.local", DeskApp.StaffPassword);

        var response = await client.GetAsync("/admin/service-hours/holidays.csv?year=2026", Cancel);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var csv = await response.Content.ReadAsStringAsync(Cancel);
        csv.Should().StartWith("date,name,kind").And.Contain("2026-08-17");
    }

    [Fact]
    public async Task A_deactivated_account_loses_its_session_and_cannot_sign_in_again()
    {
        var account = await StaffAccounts.CreateAsync(app, "leaving@test.local", [DeskRoles.Librarian], "Leaving Librarian");
        using var client = app.CreateBrowserClient();
        await SignIn.AsAsync(client, "leaving@test.local", DeskApp.StaffPassword);
        (await client.GetAsync("/", Cancel)).StatusCode.Should().Be(HttpStatusCode.OK);

        var result = await app.Service<AccountService>().SetActiveAsync(new AuditActor(null, "test"), account.Id, active: false);
        result.Succeeded.Should().BeTrue();

        var afterwards = await client.GetAsync("/", Cancel);
        afterwards.StatusCode.Should().Be(HttpStatusCode.Redirect);
        SignIn.RedirectPath(afterwards).Should().Contain("/Account/Login");

        var again = await SignIn.PostAsync(client, "leaving@test.local", DeskApp.StaffPassword);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync(Cancel)).Should().Contain("sudah dinonaktifkan");
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var client = app.CreateBrowserClient();
        await SignIn.AsAsync(client, DeskApp.AdminEmail, DeskApp.AdminPassword);
        var page = await client.GetStringAsync(AccountPaths.ChangePassword, Cancel);

        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SignIn.AntiforgeryToken(page),
        }), Cancel);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetAsync("/", Cancel)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_sign_out_without_the_antiforgery_token_is_refused()
    {
        using var client = app.CreateBrowserClient();
        await SignIn.AsAsync(client, DeskApp.AdminEmail, DeskApp.AdminPassword);

        var forged = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent([]), Cancel);

        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/", Cancel)).StatusCode.Should().Be(HttpStatusCode.OK, "still signed in");
    }
}
