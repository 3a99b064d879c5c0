using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

/// <summary>A librarian watching the Visitors page greets a patron on the demo page and ends up chatting with them, no form filled.</summary>
public sealed class VisitorsBrowserTests(OpenDeskApp app, Chromium chromium) : IClassFixture<OpenDeskApp>, IClassFixture<Chromium>
{
    private const string DemoTitle = "Perpustakaan Nasional — Demo";

    [Fact]
    public async Task A_librarian_sees_a_demo_visitor_arrive_greets_them_and_their_answer_lands_in_the_librarians_workspace()
    {
        var desk = await chromium.NewPageAsync(app.BaseAddress);
        await desk.GotoAsync("/visitors");
        await DeskPages.WaitForUrlAsync(desk, "**/Account/Login**");
        await desk.FillAsync("[data-testid=signin-email]", OpenDeskApp.LibrarianEmail);
        await desk.FillAsync("[data-testid=signin-password]", DeskApp.StaffPassword);
        await desk.ClickAsync("[data-testid=signin-submit]");
        await DeskPages.WaitForInteractiveDeskAsync(desk);
        await desk.WaitForSelectorAsync("[data-testid=visitors-page][data-live=true]");

        // A few other visitors browse the site meanwhile (widgets on other pages, other browsers).
        await using var reader = await PatronClient.ConnectAsync(app, new HelloRequest("browser-other-1", "https://perpusnas.go.id/koleksi/naskah-nusantara", "Naskah Nusantara", "https://www.google.com/", "id"),
            "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.0.0 Mobile Safari/537.36");
        await using var student = await PatronClient.ConnectAsync(app, new HelloRequest("browser-other-2", "https://perpusnas.go.id/opac?q=peta+batavia", "OPAC — peta batavia", null, "en"),
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15");
        await using var chatting = await PatronClient.ConnectAsync(app, new HelloRequest("browser-other-3", "https://perpusnas.go.id/layanan/keanggotaan", "Keanggotaan", "https://ipusnas.id/", "id"),
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0");
        await chatting.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation, new StartConversationRequest(
            "Rina Kartika", "rina@contoh.id", null, chatting.Hello.QuestionTypes[0].Id, "Bagaimana cara daftar anggota online?", PatronClient.NewMessageId(), VisitorId: "browser-other-3"));

        var patron = await chromium.NewPageAsync(app.BaseAddress);
        await patron.GotoAsync("/demo");
        await patron.Locator("[data-testid=ld-launcher]").WaitForAsync();

        var row = desk.Locator("[data-testid=visitor-row]", new() { Has = desk.Locator("[data-testid=visitor-page-title]", new() { HasTextString = DemoTitle }) });
        await row.WaitForAsync();
        await desk.Locator("[data-testid=visitor-row][data-state=Waiting]").WaitForAsync();
        (await desk.TextContentAsync("[data-testid=visitors-count-now] [data-testid=count-value]"))!.Trim().Should().Be("4");
        (await desk.TextContentAsync("[data-testid=visitors-count-waiting] [data-testid=count-value]"))!.Trim().Should().Be("1");
        (await row.Locator("[data-testid=visitor-state]").TextContentAsync())!.Trim().Should().Be("Menjelajah");
        await DeskPages.ScreenshotAsync(desk, "visitors-live-id");

        await row.Locator("[data-testid=visitor-greet]").ClickAsync();
        await desk.FillAsync("textarea[data-testid=greet-text], [data-testid=greet-text] textarea", "Selamat siang! Sedang mencari koleksi tertentu? Saya bisa bantu.");
        await desk.ClickAsync("[data-testid=greet-send]");
        await desk.Locator("[data-testid=greet-send]").WaitForAsync(new() { State = WaitForSelectorState.Detached });

        var greeting = patron.Locator("[data-testid=ld-greeting]");
        await greeting.WaitForAsync();
        (await greeting.Locator(".ld-greeting-text").TextContentAsync()).Should().Be("Selamat siang! Sedang mencari koleksi tertentu? Saya bisa bantu.");
        (await greeting.Locator(".ld-msg-author").TextContentAsync()).Should().Be("Sari Wulandari");
        await patron.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotDirectory, "widget-greeting-id.png") });

        await patron.FillAsync("[data-testid=ld-greeting-reply]", "Iya, saya mencari peta Batavia tahun 1740.");
        await patron.ClickAsync("[data-testid=ld-greeting-send]");
        await patron.Locator("[data-testid=ld-message-item][data-author=patron][data-state=sent]").WaitForAsync();
        (await patron.Locator("[data-testid=ld-message-item][data-author=librarian]").First.TextContentAsync()).Should().Contain("Sedang mencari koleksi tertentu?");

        var open = row.Locator("[data-testid=visitor-open]");
        await open.WaitForAsync();
        (await row.Locator("[data-testid=visitor-state]").TextContentAsync())!.Trim().Should().Be("Mengobrol dengan Sari Wulandari");
        await open.ClickAsync();
        await DeskPages.WaitForUrlAsync(desk, "**/conversations/**");
        var lines = desk.Locator("[data-testid=transcript-line]");
        await lines.Filter(new() { HasTextString = "Iya, saya mencari peta Batavia tahun 1740." }).WaitForAsync();
        (await desk.TextContentAsync("[data-testid=workspace-owner]"))!.Should().Contain("Sari Wulandari");
        await desk.Locator("[data-testid=my-conversation]", new() { HasTextString = "Pengunjung" }).WaitForAsync();
        await DeskPages.ScreenshotAsync(desk, "visitors-greeted-workspace-id");

        await desk.FillAsync("[data-testid=composer]", "Baik, peta Batavia 1740 ada di koleksi kartografi. Saya kirimkan tautannya.");
        await desk.ClickAsync("[data-testid=composer-send]");
        await patron.Locator("[data-testid=ld-message-item][data-author=librarian]", new() { HasTextString = "koleksi kartografi" }).WaitForAsync();
    }

}

/// <summary>
/// A supervisor's automatic greeting, on a desk of its own: its trigger, visitor and open pages must
/// not meet the live-greeting test above, whichever of the two runs first.
/// </summary>
public sealed class GreetingTriggersBrowserTests(OpenDeskApp app, Chromium chromium) : IClassFixture<OpenDeskApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_supervisor_sets_up_an_automatic_greeting_and_a_visitor_on_a_matching_page_receives_it()
    {
        await StaffAccounts.CreateAsync(app, "hendra.triggers@test.local", [LibrarianDesk.Shared.Staff.DeskRoles.Supervisor], "Hendra Setiawan");
        var desk = await chromium.NewPageAsync(app.BaseAddress);
        await DeskPages.SignInAsync(desk, "hendra.triggers@test.local", DeskApp.StaffPassword);
        await desk.ClickAsync("[data-testid=nav-greeting-triggers]");
        await desk.Locator("[data-testid=triggers-empty]").WaitForAsync();

        await desk.ClickAsync("[data-testid=trigger-add]");
        await desk.ClickAsync("[data-testid=trigger-save]");
        await desk.Locator("[data-testid=trigger-error]").First.WaitForAsync();
        (await desk.Locator("[data-testid=trigger-error]").AllTextContentsAsync()).Should().HaveCount(3, "name, pattern and text are missing");

        await desk.FillAsync("input[data-testid=trigger-name-field], [data-testid=trigger-name-field] input", "Demo 2 detik");
        await desk.FillAsync("input[data-testid=trigger-pattern], [data-testid=trigger-pattern] input", "/demo");
        await desk.FillAsync("input[data-testid=trigger-dwell], [data-testid=trigger-dwell] input", "2");
        await desk.FillAsync("textarea[data-testid=trigger-text-id], [data-testid=trigger-text-id] textarea", "Halo! Butuh bantuan menelusuri koleksi?");
        await desk.ClickAsync("[data-testid=trigger-save]");
        await desk.Locator("[data-testid=trigger-name]", new() { HasTextString = "Demo 2 detik" }).WaitForAsync();

        var patron = await chromium.NewPageAsync(app.BaseAddress);
        await patron.GotoAsync("/demo");
        var greeting = patron.Locator("[data-testid=ld-greeting]");
        await greeting.WaitForAsync();
        (await greeting.Locator(".ld-greeting-text").TextContentAsync()).Should().Be("Halo! Butuh bantuan menelusuri koleksi?");

        await desk.ReloadAsync();
        await DeskPages.WaitForInteractiveDeskAsync(desk);
        (await desk.TextContentAsync("[data-testid=trigger-fired]"))!.Trim().Should().Be("1");
        await DeskPages.ScreenshotAsync(desk, "greeting-triggers-id");
        await desk.ClickAsync("input[data-testid=trigger-enabled], [data-testid=trigger-enabled] input");
        await Eventually.TrueAsync(() =>
        {
            using var db = app.CreateDbContext();
            return !db.GreetingTriggers.Any(t => t.IsEnabled);
        }, "the switch turned the trigger off");
    }
}
