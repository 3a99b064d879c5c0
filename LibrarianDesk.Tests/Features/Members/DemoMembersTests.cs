using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Members;
using LibrarianDesk.Data.Seeding;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Members;

/// <summary>A desk started with demo data (a short history, to keep start-up quick).</summary>
public sealed class DemoDeskApp : DeskApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Desk:DemoData:Enabled"] = "true",
        ["Desk:DemoData:Days"] = "2",
    };
}

public sealed class DemoMembersTests(DemoDeskApp app) : IClassFixture<DemoDeskApp>
{
    [Fact]
    public async Task The_demo_desk_starts_with_a_searchable_member_directory()
    {
        await using (var db = app.CreateDbContext())
        {
            (await db.Members.CountAsync(TestContext.Current.CancellationToken)).Should().Be(DemoMembersSeeder.Count);
        }

        var result = await app.Service<MemberService>().SearchAsync(new AuditActor(null, "Demo"), new MemberSearch(Name: "siti"),
            cancellationToken: TestContext.Current.CancellationToken);

        result.Total.Should().BeGreaterThan(10);
        result.Items.Should().OnlyContain(m => m.FullName.Contains("Siti", StringComparison.OrdinalIgnoreCase) && m.MaskedPhone.Contains('•'));
    }
}
