using System.Net;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Features.Accounts;

/// <summary>A desk started with no administrator configured: the password is generated, shown once, and must be changed; he is an IT admin, not a librarian.</summary>
public sealed class GeneratedAdministratorTests(GeneratedAdministratorTests.UnconfiguredDesk app)
    : IClassFixture<GeneratedAdministratorTests.UnconfiguredDesk>
{
    public sealed class UnconfiguredDesk : DeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:Bootstrap:AdminEmail"] = "",
            ["Desk:Bootstrap:AdminPassword"] = "",
        };
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_generated_password_is_reported_once_and_forces_a_new_password_at_first_sign_in()
    {
        app.Bootstrap.Reports.Should().ContainSingle();
        var (email, password) = app.Bootstrap.Reports.Single();
        email.Should().Be(BootstrapAdministrator.DefaultAdminEmail);

        using var client = app.CreateBrowserClient();
        await SignIn.AsAsync(client, email, password);

        var dashboard = await client.GetAsync("/", Cancel);
        dashboard.StatusCode.Should().Be(HttpStatusCode.Redirect);
        SignIn.RedirectPath(dashboard).Should().Be(AccountPaths.ChangePassword);

        var changePage = await client.GetStringAsync(AccountPaths.ChangePassword, Cancel);
        changePage.Should().Contain("kata sandi sementara");

        var mismatch = await PostChangeAsync(client, changePage, password, "Fresh-Password-2026", "Other-Password-2026");
        (await mismatch.Content.ReadAsStringAsync(Cancel)).Should().Contain("Kedua kata sandi baru tidak sama.");

        var tooWeak = await PostChangeAsync(client, changePage, password, "short", "short");
        (await tooWeak.Content.ReadAsStringAsync(Cancel)).Should().Contain("Kata sandi terlalu pendek.");

        var changed = await PostChangeAsync(client, changePage, password, "Fresh-Password-2026", "Fresh-Password-2026");
        changed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetAsync("/", Cancel)).StatusCode.Should().Be(HttpStatusCode.OK);

        using var fresh = app.CreateBrowserClient();
        (await SignIn.PostAsync(fresh, email, password)).StatusCode.Should().Be(HttpStatusCode.OK, "the one-time password no longer works");
        await SignIn.AsAsync(fresh, email, "Fresh-Password-2026");
    }

    [Fact]
    public async Task The_first_administrator_is_an_IT_admin_only_so_the_desk_starts_with_no_librarian_to_staff_it()
    {
        var (email, _) = app.Bootstrap.Reports.Single();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Librarian>>();
        var admin = (await users.FindByEmailAsync(email))!;

        (await users.GetRolesAsync(admin)).Should().Equal(DeskRoles.ItAdmin);
        (await app.Service<PresenceService>().GetStaffAsync(Cancel)).Should().BeEmpty("he creates the librarians on Akun");
        var going = () => app.Service<PresenceService>().SetAsync(admin.Id, Presence.Online, Cancel);
        await going.Should().ThrowAsync<NotALibrarianException>();
    }

    private static Task<HttpResponseMessage> PostChangeAsync(HttpClient client, string page, string current, string next, string confirm) =>
        client.PostAsync(AccountPaths.ChangePassword, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["__RequestVerificationToken"] = SignIn.AntiforgeryToken(page),
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = confirm,
        }), Cancel);
}
