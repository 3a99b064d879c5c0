using Bunit;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Members;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LibrarianDesk.Tests.Features.Members;

/// <summary>The lookup page rendered with the desk's real member service.</summary>
public sealed class MembersPageTests : LiveDeskComponentTest, IClassFixture<OpenDeskApp>
{
    private const string Header = MemberFiles.Header;
    private readonly OpenDeskApp app;

    public MembersPageTests(OpenDeskApp app)
        : base(app)
    {
        this.app = app;
        SignInAsAccount(app.LibrarianId, "Sari Wulandari", DeskRoles.Librarian);
    }

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    private IRenderedComponent<MembersPage> RenderPage()
    {
        Render<MudPopoverProvider>();
        return Render<MembersPage>();
    }

    [Fact]
    public void An_empty_search_is_refused_with_a_clear_message()
    {
        var page = RenderPage();

        page.Find("form[data-testid=members-form]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=members-problem]").TextContent.Should().Contain("Isi setidaknya satu kolom"));
        page.FindAll("[data-testid=members-table]").Should().BeEmpty();
    }

    [Fact]
    public async Task A_search_lists_members_masked_and_a_row_opens_the_detail_with_status_and_expiry()
    {
        var file = MemberCsv.Read(new StringReader($"""
            {Header}
            PAGEX1,Yohanes Pattinasarany,yohanes@contoh.id,0813-1234-5678,09/09/1979,peneliti,,2019-01-01,2024-01-01
            """));
        (await app.Service<MemberService>().ApplyImportAsync(new AuditActor(null, "Import"), file, cancellationToken: Cancel)).Applied.Should().BeTrue();
        var page = RenderPage();

        page.Find("input[data-testid=members-name], [data-testid=members-name] input").Change("pattinasarany");
        page.Find("form[data-testid=members-form]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=member-phone]").TextContent.Should().Be("+62813••••5678"));
        page.Find("[data-testid=member-birth-date]").TextContent.Should().Be("••/••/1979");
        page.Find("[data-testid=members-table]").TextContent.Should().NotContain("09/09/1979").And.NotContain("12345678");

        page.Find("[data-testid=member-number]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=member-detail]").TextContent.Should().Contain("Kedaluwarsa"));
        page.Find("[data-testid=member-detail-warning]").TextContent.Should().Contain("kedaluwarsa");
        page.Find("[data-testid=member-detail-expires]").TextContent.Should().Contain("2024");
    }
}
