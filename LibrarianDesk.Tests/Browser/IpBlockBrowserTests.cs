using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

/// <summary>Its own desk: the patron and the IT admin share 127.0.0.1 here, and this test blocks it.</summary>
public sealed class IpBlockBrowserTests(IpBlockBrowserTests.BlockingDesk app, Chromium chromium)
    : IClassFixture<IpBlockBrowserTests.BlockingDesk>, IClassFixture<Chromium>
{
    public sealed class BlockingDesk : OpenDeskApp;

    [Fact]
    public async Task An_IT_admin_blocks_a_chatting_patron_from_the_conversation_and_the_widget_says_so()
    {
        const string email = "spam.bot@contoh.id";
        var patron = await chromium.NewPageAsync(app.BaseAddress);
        await WidgetPages.StartChatAsync(patron, "Promo Murah", email, "KLIK LINK INI UNTUK HADIAH");

        Guid conversationId;
        await using (var db = app.CreateDbContext())
        {
            conversationId = await db.Conversations.Where(c => c.PatronEmail == email).Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken);
        }

        // The conversation page is the librarians': this IT admin holds the Librarian role too (the first administrator does not).
        var account = await StaffAccounts.CreateAsync(app, "agus.admin@test.local", [DeskRoles.Librarian, DeskRoles.ItAdmin], "Agus Setiawan");
        var admin = await chromium.NewPageAsync(app.BaseAddress);
        await DeskPages.SignInAsync(admin, account.Email!, DeskApp.StaffPassword);
        await admin.GotoAsync($"/conversations/{conversationId}");
        await DeskPages.WaitForInteractiveDeskAsync(admin);
        (await admin.TextContentAsync("[data-testid=patron-ip]")).Should().Contain("127.0.0.0/24", "the default IP address policy keeps the network");

        await admin.ClickAsync("[data-testid=block-this-ip]");
        (await admin.InputValueAsync("[data-testid=block-range]")).Should().Be("127.0.0.0/24", "the dialog is pre-filled with the stored network");
        await admin.FillAsync("[data-testid=block-reason]", "spam hadiah");
        await admin.ClickAsync("[data-testid=block-save]");
        (await admin.TextContentAsync("[data-testid=block-warning]")).Should().Contain("alamat Anda sendiri");
        await DeskPages.ScreenshotAsync(admin, "ip-block-dialog-id");
        await admin.ClickAsync("[data-testid=block-confirm-anyway]");

        await patron.Locator("[data-testid=ld-blocked]").WaitForAsync();
        (await patron.TextContentAsync("[data-testid=ld-blocked]")).Should().Contain("diblokir");
        await DeskPages.ScreenshotAsync(patron, "widget-blocked-id");

        await admin.GotoAsync("/admin/ip-blocks");
        await DeskPages.WaitForInteractiveDeskAsync(admin);
        await admin.Locator("[data-testid=block-row-range]", new() { HasText = "127.0.0.0/24" }).WaitForAsync();
        await DeskPages.ScreenshotAsync(admin, "ip-blocks-id");
    }
}
