using LibrarianDesk.Features.Desk;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

/// <summary>Two librarians' desks and one patron on the demo page, all live against one running desk.</summary>
public sealed class QueueBrowserTests(OpenDeskApp app, Chromium chromium) : IClassFixture<OpenDeskApp>, IClassFixture<Chromium>
{
    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotDirectory, name + ".png"), FullPage = true });

    private static Task WaitForTitleAsync(IPage page, string title) =>
        page.WaitForFunctionAsync("title => document.title === title", title);

    [Fact]
    public async Task Both_online_librarians_see_and_hear_a_new_chat_and_when_one_takes_it_the_other_sees_who_has_it()
    {
        var presences = app.Service<PresenceService>();
        var ayu = await StaffAccounts.CreateAsync(app, "ayu@test.local", [DeskRoles.Librarian], "Ayu Pratiwi");
        var bima = await StaffAccounts.CreateAsync(app, "bima@test.local", [DeskRoles.Librarian], "Bima Nugraha");
        await presences.SetAsync(ayu.Id, Presence.Online, TestContext.Current.CancellationToken);
        await presences.SetAsync(bima.Id, Presence.Online, TestContext.Current.CancellationToken);

        var deskA = await DeskPages.SignedInOnQueueAsync(chromium, app.BaseAddress, "ayu@test.local");
        var deskB = await DeskPages.SignedInOnQueueAsync(chromium, app.BaseAddress, "bima@test.local");
        foreach (var desk in new[] { deskA, deskB })
        {
            await desk.WaitForSelectorAsync("[data-testid=enable-sound][data-rings-for=online]");
            (await desk.TextContentAsync("[data-testid=queue-empty-waiting]")).Should().Contain("Belum ada percakapan yang menunggu");
            await WaitForTitleAsync(desk, "Antrean · LibrarianDesk");
        }

        // Sound is unlocked by a click on the app bar's button, and the choice is remembered.
        await deskA.ClickAsync("[data-testid=enable-sound]");
        await deskA.WaitForSelectorAsync("[data-testid=enable-sound][data-sound=on]");
        (await deskA.EvaluateAsync<string>("() => localStorage.getItem('deskRing.enabled')")).Should().Be("true");
        (await deskA.EvaluateAsync<int>("() => window.deskRing.count")).Should().Be(0);

        var patron = await chromium.NewPageAsync(app.BaseAddress);
        await WidgetPages.StartChatAsync(patron, "Putri Maharani", "putri.queue@contoh.id", "Apakah Perpusnas menyimpan arsip majalah Tempo tahun 1970-an?", memberNumber: "0912-3456");

        foreach (var desk in new[] { deskA, deskB })
        {
            var row = desk.Locator("[data-testid=queue-waiting-row]", new() { HasText = "Putri Maharani" });
            await row.WaitForAsync();
            (await row.Locator("[data-testid=queue-member]").TextContentAsync())!.Trim().Should().Be("Anggota 0912-3456");
            (await row.Locator("[data-testid=queue-preview]").TextContentAsync())!.Trim().Should().Be("Apakah Perpusnas menyimpan arsip majalah Tempo tahun 1970-an?");
            await WaitForTitleAsync(desk, "(1) Antrean · LibrarianDesk");
            await desk.WaitForFunctionAsync("() => window.deskRing.count >= 1");
        }

        (await deskB.EvaluateAsync<string>("() => window.deskRing.last.title")).Should().Be("Percakapan baru menunggu");
        var waitingRow = deskA.Locator("[data-testid=queue-waiting-row]", new() { HasText = "Putri Maharani" });
        var conversationId = await waitingRow.GetAttributeAsync("data-conversation-id");
        await ScreenshotAsync(deskA, "queue-waiting-id");

        await waitingRow.Locator("[data-testid=queue-take]").ClickAsync();

        // Blazor navigates in the page (pushState): watch the address itself rather than wait for a load event.
        await deskA.WaitForFunctionAsync("path => location.pathname === path", $"/conversations/{conversationId}");

        await deskB.Locator($"[data-testid=queue-waiting-row][data-conversation-id='{conversationId}']").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        var taken = deskB.Locator($"[data-testid=queue-colleague-row][data-conversation-id='{conversationId}']");
        await taken.WaitForAsync();
        (await taken.Locator("[data-testid=queue-owner]").TextContentAsync())!.Trim().Should().Be("Dilayani oleh Ayu Pratiwi");
        await WaitForTitleAsync(deskB, "Antrean · LibrarianDesk");
        await ScreenshotAsync(deskB, "queue-taken-by-colleague-id");

        await patron.Locator("[data-testid=ld-librarian]", new() { HasText = "Ayu Pratiwi" }).WaitForAsync();
    }
}

/// <summary>Presence follows the browser: a desk with a two-second grace period, so the test need not wait minutes.</summary>
public sealed class PresenceFollowsTheBrowserTests(PresenceFollowsTheBrowserTests.ShortGraceApp app, Chromium chromium)
    : IClassFixture<PresenceFollowsTheBrowserTests.ShortGraceApp>, IClassFixture<Chromium>
{
    public sealed class ShortGraceApp : OpenDeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Desk:Presence:OfflineAfterSeconds"] = "2",
        };
    }

    [Fact]
    public async Task A_librarian_whose_last_desk_tab_closes_becomes_offline_once_the_grace_period_passes()
    {
        var account = await StaffAccounts.CreateAsync(app, "tutup.tab@test.local", [DeskRoles.Librarian], "Rahmat Tutup Tab");
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await page.GotoAsync("/");
        await DeskPages.WaitForUrlAsync(page, "**/Account/Login**");
        await page.FillAsync("[data-testid=signin-email]", "tutup.tab@test.local");
        await page.FillAsync("[data-testid=signin-password]", DeskApp.StaffPassword);
        await page.ClickAsync("[data-testid=signin-submit]");
        await page.WaitForSelectorAsync("#desk[data-interactive=true]");
        await page.ClickAsync("[data-testid=presence-current]");
        await page.ClickAsync("[data-testid=presence-online]");
        await page.WaitForSelectorAsync("[data-testid=presence-current] [data-presence=online]");

        var tracker = app.Service<PresenceTracker>();
        tracker.OpenCircuits(account.Id).Should().Be(1, "the open desk tab is counted from its circuit's signed-in account");

        await page.Context.CloseAsync();

        var presences = app.Service<PresenceService>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (await presences.GetAsync(account.Id, deadline.Token) != Presence.Offline)
        {
            await poll.WaitForNextTickAsync(deadline.Token);
        }

        tracker.OpenCircuits(account.Id).Should().Be(0);
    }
}
