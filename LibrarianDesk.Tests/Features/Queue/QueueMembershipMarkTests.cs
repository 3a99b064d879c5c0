using Bunit;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Members;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Queue;

/// <summary>
/// The live queue and the membership marks librarians make elsewhere. A desk of its own: the conversations
/// left waiting here must not show in the other queue tests, which start from an empty queue.
/// </summary>
public sealed class QueueMembershipMarkTests(OpenDeskApp app) : LiveDeskComponentTest(app), IClassFixture<OpenDeskApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_colleagues_membership_mark_shows_on_the_queue_as_soon_as_it_is_made()
    {
        var sari = (OpenDeskApp)App;
        SignInAsAccount(sari.LibrarianId, "Sari Wulandari", DeskRoles.Librarian);
        var colleague = await StaffAccounts.CreateAsync(App, "dewi.mark@test.local", [DeskRoles.Librarian], "Dewi Lestari");
        var conversation = await Conversations.StartAsync(App, "Rina Marked", memberNumber: "3171-0002-0001", text: "Saya anggota, mau perpanjang.");
        await App.Service<LibrarianChat>().ClaimAsync(colleague.Id, conversation);
        var page = Render<QueuePage>();
        var row = $"[data-testid=queue-colleague-row][data-conversation-id='{conversation}']";
        page.WaitForAssertion(() => page.FindAll(row).Should().HaveCount(1), Patience);
        page.FindAll($"{row} [data-testid=queue-membership]").Should().BeEmpty("nobody has checked the membership yet");

        // Once a later arrival shows, the page has read the queue since it went live and has nothing more pending.
        var later = await Conversations.StartAsync(App, "Tono Later", text: "Jam buka hari Minggu?");
        page.WaitForAssertion(() => page.FindAll($"[data-conversation-id='{later}']").Should().HaveCount(1), Patience);

        await App.Service<MemberService>().MarkAsync(
            new AuditActor(colleague.Id, "Dewi Lestari"), conversation, MembershipMark.VerifiedMember, Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => page.Find($"{row} [data-testid=queue-membership]").TextContent.Trim().Should().Be("Anggota terverifikasi"), Patience);
    }
}
