using System.Net;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Members;

public sealed class MemberExportEndpointTests(DeskApp app) : IClassFixture<DeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<HttpClient> SignedInAsync(string role) => SignIn.NewClientWithRoleAsync(app, role);

    [Fact]
    public async Task A_supervisor_downloads_the_directory_as_CSV_and_the_export_is_audited()
    {
        using var client = await SignedInAsync(DeskRoles.Supervisor);

        var response = await client.GetAsync("/members.csv", Cancel);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        await using var db = app.CreateDbContext();
        (await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.MembersExported, Cancel))
            .Should().BeTrue();
    }

    [Fact]
    public async Task A_librarian_cannot_take_the_whole_directory_out()
    {
        using var client = await SignedInAsync(DeskRoles.Librarian);
        (await client.GetAsync("/members.csv", Cancel)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
