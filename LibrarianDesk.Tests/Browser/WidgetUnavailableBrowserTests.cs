using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

/// <summary>The widget while the desk cannot save: the message waits, visibly, and arrives once when the desk can again.</summary>
public sealed class WidgetUnavailableBrowserTests(LockableDeskApp app, Chromium chromium) : IClassFixture<LockableDeskApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_message_the_desk_cannot_save_stays_pending_and_is_sent_again_with_the_same_id_until_stored_once()
    {
        const string email = "wulan.unavailable@contoh.id";
        var page = await chromium.NewPageAsync(app.BaseAddress);
        var clientMessageIds = await PatronSocketTap.RecordSendsAsync(page);

        await WidgetPages.StartChatAsync(page, "Wulan", email, "Pesan pertama");

        await using (await app.LockDatabaseAsync())
        {
            await page.FillAsync("[data-testid=ld-composer]", "Ditulis saat penyimpanan penuh");
            await page.PressAsync("[data-testid=ld-composer]", "Enter");
            await page.Locator("[data-testid=ld-error]", new() { HasText = "Layanan sedang tidak dapat menyimpan pesan. Silakan coba lagi sebentar lagi." })
                .WaitForAsync();
            await Eventually.TrueAsync(() => clientMessageIds.Count >= 2, "the widget sends the message again by itself", TimeSpan.FromSeconds(20));
            (await page.Locator("[data-testid=ld-message-item][data-state=sending]").CountAsync()).Should().Be(1, "the message is pending, not failed");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotDirectory, "widget-unavailable.png") });
        }

        await page.Locator("[data-testid=ld-message-item][data-state=sent]").Nth(1).WaitForAsync();
        await page.Locator("[data-testid=ld-error]").WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        clientMessageIds.Distinct().Should().ContainSingle();

        await using var db = app.CreateDbContext();
        var conversationId = await db.Conversations.Where(c => c.PatronEmail == email).Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken);
        (await db.ChatMessages.Where(m => m.ConversationId == conversationId).OrderBy(m => m.Sequence).Select(m => m.Text)
                .ToListAsync(TestContext.Current.CancellationToken))
            .Should().Equal("Pesan pertama", "Ditulis saat penyimpanan penuh");
    }
}
