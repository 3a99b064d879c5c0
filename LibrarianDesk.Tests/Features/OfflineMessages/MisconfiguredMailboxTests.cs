using LibrarianDesk.Shared.OfflineMessages;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.OfflineMessages;

/// <summary>A library mailbox that is not an address must not cost the patron's message.</summary>
public sealed class MisconfiguredMailboxTests(MisconfiguredMailboxTests.BadMailboxDeskApp app) : IClassFixture<MisconfiguredMailboxTests.BadMailboxDeskApp>
{
    public sealed class BadMailboxDeskApp : OfflineDeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:Mail:LibraryMailbox"] = "tanya perpusnas",
        };
    }

    [Fact]
    public async Task The_message_is_kept_and_shown_in_the_inbox_without_an_announcement()
    {
        var id = await OfflineDesk.LeaveMessageAsync(app, OfflineDesk.UniqueEmail("tetapdisimpan"), "Pesan tetap tersimpan?");

        await using var db = app.CreateDbContext();
        (await db.OfflineMessages.AnyAsync(m => m.Id == id, TestContext.Current.CancellationToken)).Should().BeTrue();
        (await db.OutboxMails.AnyAsync(m => m.RelatedId == id && m.Kind == OutboxMailKinds.OfflineAnnouncement, TestContext.Current.CancellationToken)).Should().BeFalse();
    }
}
