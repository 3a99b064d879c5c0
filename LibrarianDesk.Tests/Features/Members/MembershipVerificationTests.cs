using Bunit;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Members;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LibrarianDesk.Tests.Features.Members;

/// <summary>The patron panel's verification section, rendered with the desk's real member service.</summary>
public sealed class MembershipVerificationTests : LiveDeskComponentTest, IClassFixture<OpenDeskApp>
{
    private const string Header = MemberFiles.Header;
    private readonly OpenDeskApp app;

    public MembershipVerificationTests(OpenDeskApp app)
        : base(app)
    {
        this.app = app;
        SignInAsAccount(app.LibrarianId, "Sari Wulandari", DeskRoles.Librarian);
    }

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    private async Task<ConversationDetail> ConversationWithMemberAsync(string number, string status = "")
    {
        var file = MemberCsv.Read(new StringReader(
            $"{Header}\n{number},Siti Rahma,siti@contoh.id,0812-7777-8888,17/08/1990,,{status},2020-01-01,2030-01-01"));
        (await app.Service<MemberService>().ApplyImportAsync(new AuditActor(null, "Import"), file, cancellationToken: Cancel)).Applied.Should().BeTrue();
        var id = await Queue.Conversations.StartAsync(app, "Siti Rahma", number);
        return (await app.Service<ConversationQueries>().DetailAsync(id, Cancel))!;
    }

    private static string Field(IRenderedComponent<MembershipVerification> panel, string testId) =>
        panel.Find($"input[data-testid={testId}], [data-testid={testId}] input").GetAttribute("value") ?? "";

    private static void Type(IRenderedComponent<MembershipVerification> panel, string testId, string value) =>
        panel.Find($"input[data-testid={testId}], [data-testid={testId}] input").Change(value);

    [Fact]
    public async Task The_panel_is_pre_filled_and_shows_ticks_and_crosses_without_the_stored_values()
    {
        var detail = await ConversationWithMemberAsync("BUNIT1");
        Render<MudPopoverProvider>();
        var panel = Render<MembershipVerification>(p => p.Add(c => c.Detail, detail));

        Field(panel, "verify-number").Should().Be("BUNIT1");
        Field(panel, "verify-name").Should().Be("Siti Rahma");
        Field(panel, "verify-email").Should().Be("patron@contoh.id");

        Type(panel, "verify-phone", "0812 7777 8888");
        Type(panel, "verify-birth-date", "01/01/1991");
        panel.Find("[data-testid=verify-check]").Click();

        panel.WaitForAssertion(() =>
        {
            panel.Find("[data-testid=verify-result-phone]").TextContent.Should().Contain("✓");
            panel.Find("[data-testid=verify-result-birth-date]").TextContent.Should().Contain("✗");
            panel.Find("[data-testid=verify-result-name]").TextContent.Should().Contain("✓");
            panel.Find("[data-testid=member-status]").TextContent.Should().Contain("Aktif");
        });
        var text = panel.Find("[data-testid=verify-result]").TextContent;
        text.Should().NotContain("17/08/1990").And.NotContain("1990").And.NotContain("+6281277778888").And.NotContain("8888");
    }

    [Fact]
    public async Task An_expired_member_and_an_unknown_number_are_told_apart()
    {
        var detail = await ConversationWithMemberAsync("BUNIT2", "expired");
        Render<MudPopoverProvider>();
        var panel = Render<MembershipVerification>(p => p.Add(c => c.Detail, detail));

        panel.Find("[data-testid=verify-check]").Click();
        panel.WaitForAssertion(() => panel.Find("[data-testid=member-status]").TextContent.Should().Contain("Kedaluwarsa"));

        Type(panel, "verify-number", "TIDAK-ADA");
        panel.Find("[data-testid=verify-check]").Click();
        panel.WaitForAssertion(() => panel.Find("[data-testid=verify-not-found]").TextContent.Should().Contain("Tidak ada anggota"));
    }

    [Fact]
    public async Task Marking_the_conversation_stores_the_mark()
    {
        var detail = await ConversationWithMemberAsync("BUNIT3");
        Render<MudPopoverProvider>();
        var panel = Render<MembershipVerification>(p => p.Add(c => c.Detail, detail));
        panel.Find("[data-testid=verify-mark]").TextContent.Should().Contain("belum diperiksa");

        panel.Find("[data-testid=mark-could-not-verify]").Click();

        panel.WaitForAssertion(() => panel.Find("[data-testid=verify-mark]").TextContent.Should().Contain("Tidak dapat diverifikasi"));
        (await Queue.Conversations.ReadAsync(app, detail.Conversation.Id)).Membership.Should().Be(MembershipMark.CouldNotVerify);
    }
}
