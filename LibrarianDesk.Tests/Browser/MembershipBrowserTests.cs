using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Members;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Browser;

public sealed class MembershipBrowserTests(MembershipBrowserTests.MembersDesk app, Chromium chromium)
    : IClassFixture<MembershipBrowserTests.MembersDesk>, IClassFixture<Chromium>
{
    public sealed class MembersDesk : OpenDeskApp;

    [Fact]
    public async Task A_librarian_verifies_a_patron_inside_a_live_conversation()
    {
        var cancel = TestContext.Current.CancellationToken;
        var file = MemberCsv.Read(new StringReader("""
            member_number,full_name,email,phone,birth_date,expires_on
            PN2024777001,Siti Rahma,siti@contoh.id,0812-7777-8888,17/08/1990,2030-01-01
            """));
        (await app.Service<MemberService>().ApplyImportAsync(new AuditActor(null, "Import"), file, cancellationToken: cancel)).Applied.Should().BeTrue();
        var conversationId = await Features.Queue.Conversations.StartAsync(app, "Siti Rahma", "PN2024777001");

        var librarian = await chromium.NewPageAsync(app.BaseAddress);
        await DeskPages.SignInAsync(librarian, OpenDeskApp.LibrarianEmail, DeskApp.StaffPassword);
        await librarian.GotoAsync($"/conversations/{conversationId}");
        await DeskPages.WaitForInteractiveDeskAsync(librarian);

        (await librarian.InputValueAsync("[data-testid=verify-number]")).Should().Be("PN2024777001");
        await librarian.FillAsync("[data-testid=verify-phone]", "0812 7777 8888");
        await librarian.ClickAsync("[data-testid=verify-check]");
        await librarian.Locator("[data-testid=verify-result-phone]", new() { HasText = "✓" }).WaitForAsync();
        (await librarian.TextContentAsync("[data-testid=patron-panel]")).Should().NotContain("+6281277778888").And.NotContain("17/08/1990");
        await DeskPages.ScreenshotAsync(librarian, "membership-verification-id");

        await librarian.ClickAsync("[data-testid=mark-verified]");
        await librarian.Locator("[data-testid=verify-mark]", new() { HasText = "Anggota terverifikasi" }).WaitForAsync();
        (await Features.Queue.Conversations.ReadAsync(app, conversationId)).Membership.Should().Be(MembershipMark.VerifiedMember);
    }
}
