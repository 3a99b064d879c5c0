using Bunit;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Features.Privacy;

/// <summary>The data requests page against a running desk, signed in as a real supervisor.</summary>
public sealed class DataRequestsPageTests(OpenDeskApp app) : LiveDeskComponentTest(app), IClassFixture<OpenDeskApp>
{
    [Fact]
    public void The_page_is_for_supervisors_only()
    {
        typeof(DataRequestsPage).GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>()
            .Should().ContainSingle(a => a.Roles == DeskRoles.Supervisor);
    }

    [Fact]
    public async Task A_malformed_email_is_refused_under_the_field()
    {
        var supervisor = await StaffAccounts.ActorAsync(App, "Hendra Gunawan", DeskRoles.Supervisor);
        SignInAsAccount(supervisor.Id!, supervisor.Name, DeskRoles.Supervisor);
        Services.AddSingleton(App.Service<DataSubjectRequests>());
        var page = Render<DataRequestsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=data-requests-find]"), TimeSpan.FromSeconds(10));

        page.Find("input[data-testid=data-requests-value], [data-testid=data-requests-value] input").Change("siti@");
        await page.Find("[data-testid=data-requests-find]").ClickAsync(new());

        page.WaitForAssertion(() => page.Markup.Should().Contain("Alamat email tidak valid."), TimeSpan.FromSeconds(10));
        page.FindAll("[data-testid=data-requests-results]").Should().BeEmpty();
    }
}
