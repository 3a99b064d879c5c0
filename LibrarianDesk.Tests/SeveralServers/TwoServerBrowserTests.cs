using LibrarianDesk.Features.Desk;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.SeveralServers;

/// <summary>
/// Two librarians in Chromium, each signed in through a different server of one desk, and a patron's widget on the
/// first: the ring, the take and the chat work as on one server.
/// </summary>
public sealed class TwoServerBrowserTests(TwoServerDesk desk, Chromium chromium) : IClassFixture<TwoServerDesk>, IClassFixture<Chromium>
{
    [Fact]
    public async Task Librarians_on_different_servers_both_see_a_patrons_chat_one_takes_it_and_they_chat()
    {
        await TwoServerDesk.RequireAsync();
        var ayu = await StaffAccounts.CreateAsync(desk.A, "ayu.a@test.local", [DeskRoles.Librarian], "Ayu Pratiwi");
        var bima = await StaffAccounts.CreateAsync(desk.B, "bima.b@test.local", [DeskRoles.Librarian], "Bima Nugraha");
        await desk.A.Service<PresenceService>().SetAsync(ayu.Id, Presence.Online, TestContext.Current.CancellationToken);
        await desk.B.Service<PresenceService>().SetAsync(bima.Id, Presence.Online, TestContext.Current.CancellationToken);
        var onA = await DeskPages.SignedInOnQueueAsync(chromium, desk.A.BaseAddress, "ayu.a@test.local");
        var onB = await DeskPages.SignedInOnQueueAsync(chromium, desk.B.BaseAddress, "bima.b@test.local");

        var patron = await chromium.NewPageAsync(desk.A.BaseAddress);
        await WidgetPages.StartChatAsync(patron, "Putri Maharani", "putri.dua@contoh.id", "Apakah ada arsip majalah Tempo tahun 1970-an?");

        foreach (var librarian in new[] { onA, onB })
        {
            await librarian.Locator("[data-testid=queue-waiting-row]", new() { HasText = "Putri Maharani" }).WaitForAsync();
            await librarian.WaitForFunctionAsync("() => window.deskRing.count >= 1");
        }

        var row = onB.Locator("[data-testid=queue-waiting-row]", new() { HasText = "Putri Maharani" });
        var conversationId = await row.GetAttributeAsync("data-conversation-id");
        await row.Locator("[data-testid=queue-take]").ClickAsync();
        await onB.WaitForFunctionAsync("path => location.pathname === path", $"/conversations/{conversationId}");

        var takenOnA = onA.Locator($"[data-testid=queue-colleague-row][data-conversation-id='{conversationId}']");
        await takenOnA.WaitForAsync();
        (await takenOnA.Locator("[data-testid=queue-owner]").TextContentAsync())!.Trim().Should().Be("Dilayani oleh Bima Nugraha");
        await patron.Locator("[data-testid=ld-librarian]", new() { HasText = "Bima Nugraha" }).WaitForAsync();

        await onB.FillAsync("[data-testid=composer]", "Ada, di ruang majalah lantai 7.");
        await onB.PressAsync("[data-testid=composer]", "Enter");
        await patron.Locator("[data-testid=ld-message-item][data-author=librarian]", new() { HasText = "Ada, di ruang majalah lantai 7." }).WaitForAsync();

        await patron.FillAsync("[data-testid=ld-composer]", "Terima kasih, saya datang besok.");
        await patron.PressAsync("[data-testid=ld-composer]", "Enter");
        await onB.Locator("[data-testid=transcript-line][data-author=patron]", new() { HasText = "Terima kasih, saya datang besok." }).WaitForAsync();
        await onB.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotDirectory, "two-servers-workspace-on-b.png"), FullPage = true });
    }
}
