using LibrarianDesk.Features.Mail;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Tests.Features.OfflineMessages;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Browser;

/// <summary>Nobody Online: a patron leaves a message in the widget, a librarian answers it from the offline inbox.</summary>
public sealed class OfflineInboxBrowserTests(OfflineDeskApp app, Chromium chromium) : IClassFixture<OfflineDeskApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_patron_leaves_an_offline_message_and_a_librarian_answers_it_by_email()
    {
        var email = OfflineDesk.UniqueEmail("rina");
        var patron = await chromium.NewPageAsync(app.BaseAddress);
        await patron.GotoAsync("/demo");
        await patron.ClickAsync("[data-testid=ld-launcher]");
        await OfflineWidget.LeaveMessageAsync(patron, "Rina Kusuma", email, "Apakah skripsi tahun 1995 bisa dipindai?");

        var librarian = await chromium.NewPageAsync(app.BaseAddress);
        await DeskPages.SignInAsync(librarian, "sari@test.local", DeskApp.StaffPassword);
        await librarian.Locator("[data-testid=offline-new-count]").WaitForAsync();
        await librarian.ClickAsync("[data-testid=nav-offline]");
        await librarian.Locator("[data-testid=offline-open]", new() { HasText = "Rina Kusuma" }).ClickAsync();
        await librarian.Locator("[data-testid=offline-message-text]", new() { HasText = "skripsi tahun 1995" }).WaitForAsync();
        await DeskPages.WaitForInteractiveDeskAsync(librarian);

        await librarian.FillAsync("[data-testid=offline-reply-text]", "Bisa, melalui layanan reprografi di lantai 14.");
        await librarian.ClickAsync("[data-testid=offline-reply-send]");
        await librarian.Locator("[data-testid=offline-reply]", new() { HasText = "lantai 14" }).WaitForAsync();
        await DeskPages.ScreenshotAsync(librarian, "offline-thread-replied-id");

        await app.Service<OutboxSender>().SendDueAsync(TestContext.Current.CancellationToken);
        OfflineDesk.MailsTo(app.PickupFolder, email).Should().ContainSingle()
            .Which.Mail.TextBody.Should().Contain("lantai 14").And.Contain("> Apakah skripsi tahun 1995 bisa dipindai?");
    }
}
