using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Shared.Staff;
using Microsoft.AspNetCore.Authorization;

namespace LibrarianDesk.Tests.Features.Privacy;

/// <summary>The data requests page's rule; the routes' answers to each role are in AuthorisationMatrixTests.</summary>
public sealed class DataRequestsPageTests
{
    [Fact]
    public void The_page_is_for_supervisors_only()
    {
        typeof(DataRequestsPage).GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>()
            .Should().ContainSingle(a => a.Roles == DeskRoles.Supervisor);
    }
}
