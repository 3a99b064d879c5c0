using LibrarianDesk.Features.Desk;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.SeveralServers;

/// <summary>
/// Two librarians in Chromium, each signed in through a different server of one desk, and a patron's widget on the
/// first: the ring, the take and the chat work as on one server, and so do the live visitor list and greetings.
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

    [Fact]
    public async Task A_librarian_on_one_server_sees_a_visitor_on_the_other_greets_them_and_the_answer_becomes_her_chat()
    {
        await TwoServerDesk.RequireAsync();
        var citra = await StaffAccounts.CreateAsync(desk.B, "citra.b@test.local", [DeskRoles.Librarian], "Citra Lestari");
        await desk.B.Service<PresenceService>().SetAsync(citra.Id, Presence.Online, TestContext.Current.CancellationToken);
        var onB = await chromium.NewPageAsync(desk.B.BaseAddress);
        await DeskPages.SignInAsync(onB, "citra.b@test.local", DeskApp.StaffPassword, "/visitors");
        await onB.WaitForSelectorAsync("[data-testid=visitors-page][data-live=true]");

        var patron = await chromium.NewPageAsync(desk.A.BaseAddress);
        await patron.GotoAsync("/demo");
        await patron.Locator("[data-testid=ld-launcher]").WaitForAsync();

        var browsing = onB.Locator("[data-testid=visitor-row][data-state=Browsing]", new() { Has = onB.Locator("[data-testid=visitor-page-title]", new() { HasTextString = "Perpustakaan Nasional — Demo" }) });
        await browsing.First.WaitForAsync();
        var row = onB.Locator($"[data-testid=visitor-row][data-visitor-id='{await browsing.First.GetAttributeAsync("data-visitor-id")}']");
        await DeskPages.ScreenshotAsync(onB, "two-servers-visitors-on-b");

        await row.Locator("[data-testid=visitor-greet]").ClickAsync();
        await onB.FillAsync("textarea[data-testid=greet-text], [data-testid=greet-text] textarea", "Selamat datang! Ada yang bisa saya bantu?");
        await onB.ClickAsync("[data-testid=greet-send]");
        await onB.Locator("[data-testid=greet-send]").WaitForAsync(new() { State = WaitForSelectorState.Detached });

        var greeting = patron.Locator("[data-testid=ld-greeting]");
        await greeting.WaitForAsync();
        (await greeting.Locator(".ld-msg-author").TextContentAsync()).Should().Be("Citra Lestari");
        await patron.FillAsync("[data-testid=ld-greeting-reply]", "Iya, jam buka hari Sabtu?");
        await patron.ClickAsync("[data-testid=ld-greeting-send]");
        await patron.Locator("[data-testid=ld-message-item][data-author=patron][data-state=sent]").WaitForAsync();

        await row.Locator("[data-testid=visitor-state]", new() { HasTextString = "Mengobrol dengan Citra Lestari" }).WaitForAsync();
        await row.Locator("[data-testid=visitor-open]").ClickAsync();
        await DeskPages.WaitForUrlAsync(onB, "**/conversations/**");
        await onB.Locator("[data-testid=transcript-line]", new() { HasTextString = "Iya, jam buka hari Sabtu?" }).WaitForAsync();
    }
}
