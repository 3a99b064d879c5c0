using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Tests.Features.OfflineMessages;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

/// <summary>A supervisor's side of the offline feature: the failed-deliveries page and the mail templates.</summary>
public sealed class OfflineAdminBrowserTests(OfflineDeskOnAClock app, Chromium chromium) : IClassFixture<OfflineDeskOnAClock>, IClassFixture<Chromium>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_supervisor_sees_a_failed_delivery_with_its_error_and_discards_it_after_confirming()
    {
        app.SetWib(12, 7, 10);
        var to = OfflineDesk.UniqueEmail("gagal");
        var mailId = Guid.NewGuid();
        await using (var db = app.CreateDbContext())
        {
            // The state a long SMTP outage leaves behind; the outbox tests produce it through the sender.
            db.OutboxMails.Add(new OutboxMail
            {
                Id = mailId, To = to, Subject = "Re: Pertanyaan Anda di Tanya Pustakawan", TextBody = "Isi", Kind = OutboxMailKinds.OfflineReply,
                CreatedAt = app.Clock.GetUtcNow().AddHours(-3), Attempts = 4, NextAttemptAt = app.Clock.GetUtcNow().AddMinutes(8),
                LastError = "SmtpCommandException (550 MailboxUnavailable): mailbox unavailable",
            });
            await db.SaveChangesAsync(Cancel);
        }

        var page = await chromium.NewPageAsync(app.BaseAddress);
        await DeskPages.SignInAsync(page, OfflineDeskOnAClock.SupervisorEmail, DeskApp.StaffPassword);
        await Assertions.Expect(page.Locator("[data-testid=outbox-failed-count]")).ToHaveTextAsync("1");
        await page.ClickAsync("[data-testid=nav-failed-deliveries]");
        var row = page.Locator("tr", new() { Has = page.Locator($"[data-testid=outbox-row][data-id='{mailId}']") });
        await Assertions.Expect(row.Locator("[data-testid=outbox-error]")).ToHaveTextAsync("SmtpCommandException (550 MailboxUnavailable): mailbox unavailable");
        await Assertions.Expect(row.Locator("[data-testid=outbox-attempts]")).ToHaveTextAsync("4");
        await Assertions.Expect(row.Locator("[data-testid=outbox-next]")).ToContainTextAsync("WIB");
        await DeskPages.WaitForInteractiveDeskAsync(page);
        await DeskPages.ScreenshotAsync(page, "offline-failed-deliveries");

        await row.Locator("[data-testid=outbox-discard]").ClickAsync();
        await page.Locator(".mud-dialog", new() { HasText = to }).Locator("button", new() { HasText = "Buang" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=outbox-empty]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=outbox-failed-count]")).ToHaveCountAsync(0);
        await using var check = app.CreateDbContext();
        (await check.OutboxMails.SingleAsync(m => m.Id == mailId, Cancel)).DiscardedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task A_supervisor_rewords_the_english_announcement_and_previews_it()
    {
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await DeskPages.SignInAsync(page, OfflineDeskOnAClock.SupervisorEmail, DeskApp.StaffPassword);
        await page.ClickAsync("[data-testid=nav-mail-templates]");
        await DeskPages.WaitForInteractiveDeskAsync(page);
        await page.ClickAsync("[data-testid=template-kind-offline-announcement]");
        await page.ClickAsync("[data-testid=template-language-en]");
        await Assertions.Expect(page.Locator("[data-testid=template-subject]")).ToHaveValueAsync("New offline message from {PatronName}");

        await page.FillAsync("[data-testid=template-subject]", "[{LibraryName}] Question from {PatronName}");
        await page.ClickAsync("[data-testid=template-preview]");
        await Assertions.Expect(page.Locator("[data-testid=template-preview-subject]")).ToHaveTextAsync("[Perpustakaan Nasional RI] Question from Siti Rahma");
        await Assertions.Expect(page.Locator("[data-testid=template-preview-text]")).ToContainTextAsync("> Can I read old manuscripts on site?");
        await page.ClickAsync("[data-testid=template-save]");
        await Assertions.Expect(page.Locator("[data-testid=template-origin]")).ToContainTextAsync("Hendra Gunawan");
        await DeskPages.ScreenshotAsync(page, "offline-mail-templates");
    }

    [Fact]
    public async Task An_overdue_message_stands_out_and_a_supervisor_assigns_it_to_a_colleague()
    {
        app.SetWib(12, 6, 11);
        var id = await OfflineDesk.LeaveMessageAsync(app, OfflineDesk.UniqueEmail("terlambat"), "Pertanyaan yang menunggu terlalu lama", "Yusuf Hidayat");
        app.SetWib(12, 10, 10);

        var page = await chromium.NewPageAsync(app.BaseAddress);
        await DeskPages.SignInAsync(page, OfflineDeskOnAClock.SupervisorEmail, DeskApp.StaffPassword);
        await page.ClickAsync("[data-testid=nav-offline]");
        await DeskPages.WaitForInteractiveDeskAsync(page);
        var cell = page.Locator($"[data-testid=offline-row][data-id='{id}']");
        await Assertions.Expect(cell).ToHaveAttributeAsync("data-overdue", "true");
        var row = page.Locator("tr", new() { Has = cell });
        await Assertions.Expect(row.Locator("[data-testid=offline-overdue]")).ToHaveTextAsync("Lewat target");
        await row.Locator("[data-testid=offline-assign-menu] button").ClickAsync();
        await page.Locator($"[data-testid=offline-assign-to][data-id='{app.Colleague.Id}']").WaitForAsync();
        await DeskPages.ScreenshotAsync(page, "offline-inbox-overdue-assign");

        await page.ClickAsync($"[data-testid=offline-assign-to][data-id='{app.Colleague.Id}']");
        await Assertions.Expect(row.Locator("[data-testid=offline-assignee]")).ToHaveTextAsync("Dewi Lestari");
    }
}
