using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Queue;

/// <summary>Who the desk rings, as <see cref="Ringer"/> decides it over the running desk's database.</summary>
public sealed class RingerTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    private Ringer Ringer => app.Service<Ringer>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<string> StaffAsync(Presence presence, params string[] roles)
    {
        var account = await StaffAccounts.CreateAsync(app, $"ringer-{Guid.NewGuid():N}@test.local", roles.Length == 0 ? [DeskRoles.Librarian] : roles);
        if (presence != Presence.Offline)
        {
            await app.Service<PresenceService>().SetAsync(account.Id, presence, Cancel);
        }

        return account.Id;
    }

    [Fact]
    public async Task A_waiting_conversation_rings_exactly_the_librarians_on_duty()
    {
        var online = await StaffAsync(Presence.Online);
        var away = await StaffAsync(Presence.Away);
        var offline = await StaffAsync(Presence.Offline);
        var formerLibrarian = await StaffAsync(Presence.Online);
        await StaffAccounts.RemoveRoleAsync(app, formerLibrarian, DeskRoles.Librarian);

        var conversation = await Conversations.StartAsync(app, "Maya Menunggu", text: "Apakah ada koleksi lontar?");

        var rung = await Ringer.DecideAsync(new RingRequested(conversation), Cancel);

        rung.Should().NotBeNull();
        rung!.Reason.Should().Be(RingReason.Waiting);
        rung.LibrarianIds.Should().BeEquivalentTo([app.LibrarianId, online]);
        rung.Conversation.PatronName.Should().Be("Maya Menunggu");
        rung.Conversation.LatestMessagePreview.Should().Be("Apakah ada koleksi lontar?");
        new[] { away, offline, formerLibrarian }.Should().NotContain(id => rung.Rings(id));
    }

    [Fact]
    public async Task A_conversation_taken_before_its_ring_rings_nobody_but_a_transfer_rings_its_new_owner()
    {
        var conversation = await Conversations.StartAsync(app, "Nanda Dialihkan");
        await app.Service<LibrarianChat>().ClaimAsync(app.LibrarianId, conversation);

        (await Ringer.DecideAsync(new RingRequested(conversation), Cancel)).Should().BeNull("nobody need answer it any more");
        var transfer = await Ringer.DecideAsync(new RingRequested(conversation, app.LibrarianId), Cancel);
        transfer!.Reason.Should().Be(RingReason.Transferred);
        transfer.LibrarianIds.Should().Equal(app.LibrarianId);
        (await Ringer.DecideAsync(new RingRequested(conversation, "someone-else"), Cancel)).Should().BeNull("the conversation is not theirs");
    }
}
