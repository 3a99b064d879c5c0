using System.Net;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Members;

public sealed class MembersPageAccessTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    [Fact]
    public async Task An_anonymous_request_for_the_member_lookup_is_sent_to_sign_in()
    {
        using var client = app.CreateBrowserClient();

        var response = await client.GetAsync("/members", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        SignIn.RedirectPath(response).Should().Contain("Account/Login");
    }

    [Fact]
    public async Task A_librarian_opens_the_member_lookup()
    {
        using var client = app.CreateBrowserClient();
        await SignIn.AsAsync(client, OpenDeskApp.LibrarianEmail, DeskApp.StaffPassword);

        var response = await client.GetAsync("/members", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Should().Contain("Cari Anggota");
    }

    [Fact]
    public async Task A_supervisor_without_the_librarian_role_opens_the_member_page_for_the_CSV_import_and_export_but_not_the_lookup()
    {
        using var client = await SignIn.NewClientWithRoleAsync(app, DeskRoles.Supervisor);

        var response = await client.GetAsync("/members", TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        page.Should().Contain("data-testid=\"members-import\"").And.Contain("data-testid=\"members-export\"");
        page.Should().NotContain("data-testid=\"members-form\"", "looking members up is the librarians' work");
    }
}
