using LibrarianDesk.Features.Desk;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Features.OfflineMessages;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

/// <summary>
/// The "done": on a Sunday (closed by the schedule, though a librarian is Online) a patron
/// leaves a question on /demo; on Monday a librarian sees it in the inbox, replies, and the patron's
/// mailbox (the pickup folder) has the answer.
/// </summary>
public sealed class OfflineSundayBrowserTests(OfflineDeskOnAClock app, Chromium chromium) : IClassFixture<OfflineDeskOnAClock>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_question_left_on_sunday_is_answered_on_monday_and_the_answer_reaches_the_patrons_mailbox()
    {
        app.SetWib(12, 6, 11);
        await app.Service<PresenceService>().SetAsync(app.Colleague.Id!, Presence.Online, TestContext.Current.CancellationToken);
        var email = OfflineDesk.UniqueEmail("minggu");

        var patron = await chromium.NewPageAsync(app.BaseAddress);
        await patron.GotoAsync("/demo");
        await patron.ClickAsync("[data-testid=ld-launcher]");
        await Assertions.Expect(patron.Locator("[data-testid=ld-closed-reason]")).ToHaveTextAsync("Saat ini di luar jam layanan.");
        await OfflineWidget.LeaveMessageAsync(patron, "Rina Kusuma", email, "Apakah arsip surat kabar tahun 1950 bisa dibaca daring?");

        app.SetWib(12, 7, 9, 45);
        var librarian = await chromium.NewPageAsync(app.BaseAddress);
        await DeskPages.SignInAsync(librarian, "sari@test.local", DeskApp.StaffPassword);
        await librarian.ClickAsync("[data-testid=nav-offline]");
        var row = librarian.Locator("tr", new() { Has = librarian.Locator("[data-testid=offline-open]", new() { HasText = "Rina Kusuma" }) });
        await Assertions.Expect(row.Locator("[data-testid=offline-age]")).ToContainTextAsync("45 mnt");
        await Assertions.Expect(row.Locator("[data-testid=offline-assignee]")).ToHaveTextAsync("Belum ditugaskan");
        await DeskPages.ScreenshotAsync(librarian, "offline-sunday-inbox-monday");

        await row.Locator("[data-testid=offline-open]").ClickAsync();
        await librarian.Locator("[data-testid=offline-message-text]", new() { HasText = "surat kabar tahun 1950" }).WaitForAsync();
        await DeskPages.WaitForInteractiveDeskAsync(librarian);
        await Assertions.Expect(librarian.Locator("[data-testid=offline-due]")).ToContainTextAsync("Batas balasan");
        await librarian.FillAsync("[data-testid=offline-reply-text]", "Bisa, melalui e-Resources Perpusnas dengan kartu anggota Anda.");
        await librarian.ClickAsync("[data-testid=offline-reply-send]");
        await librarian.Locator("[data-testid=offline-reply]", new() { HasText = "e-Resources" }).WaitForAsync();
        await Assertions.Expect(librarian.Locator("[data-testid=offline-assignee]")).ToHaveTextAsync("Sari Wulandari");
        await DeskPages.ScreenshotAsync(librarian, "offline-sunday-thread-replied");

        await app.Service<OutboxSender>().SendDueAsync(TestContext.Current.CancellationToken);
        var (mail, _) = OfflineDesk.MailsTo(app.PickupFolder, email).Should().ContainSingle().Subject;
        mail.Subject.Should().Be("Re: Pertanyaan Anda di Tanya Pustakawan");
        mail.To.Mailboxes.Single().Should().BeEquivalentTo(new { Address = email, Name = "" }, "a patron's name never goes into a mail header");
        mail.TextBody.Should().StartWith("Yth. Rina Kusuma,")
            .And.Contain("Bisa, melalui e-Resources Perpusnas dengan kartu anggota Anda.")
            .And.Contain("Sari Wulandari")
            .And.Contain("> Apakah arsip surat kabar tahun 1950 bisa dibaca daring?");
    }
}
