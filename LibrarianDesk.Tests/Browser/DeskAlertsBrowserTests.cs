using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

/// <summary>A librarian away from her conversation, on the Visitors page, notices her patron's new message and opens it from the toast.</summary>
public sealed class DeskAlertsBrowserTests(OpenDeskApp app, Chromium chromium) : IClassFixture<OpenDeskApp>, IClassFixture<Chromium>
{
    private const string VisitorsTitle = "Pengunjung · LibrarianDesk";

    private static Task WaitForTitleAsync(IPage page, string title) =>
        page.WaitForFunctionAsync("title => document.title === title", title);

    [Fact]
    public async Task A_patron_message_in_her_conversation_toasts_and_counts_in_the_title_on_the_visitors_page_and_the_toast_opens_it()
    {
        // Rina's conversation is Sari's, and Sari has read everything in it so far.
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync("Apakah ada peta Batavia tahun 1740?", "Rina Kartika");
        await app.Service<LibrarianChat>().ReplyAsync(app.LibrarianId, started.ConversationId, "Halo Rina, saya Sari. Saya carikan dulu, ya.");
        await app.Service<UnreadMessages>().MarkReadAsync(app.LibrarianId, started.ConversationId, 2, TestContext.Current.CancellationToken);

        var desk = await chromium.NewPageAsync(app.BaseAddress);
        await DeskPages.SignInAsync(desk, OpenDeskApp.LibrarianEmail, DeskApp.StaffPassword);
        await desk.GotoAsync("/visitors");
        await DeskPages.WaitForInteractiveDeskAsync(desk);
        await desk.WaitForSelectorAsync("[data-testid=visitors-page][data-live=true]");
        await desk.WaitForSelectorAsync("[data-testid=enable-sound][data-title-count='0']");
        await WaitForTitleAsync(desk, VisitorsTitle);
        (await desk.EvaluateAsync<string?>("() => localStorage.getItem('deskRing.notificationsAsked')"))
            .Should().BeNull("notification permission is asked from a click, never on page load");

        await patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage, new SendMessageRequest(
            started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), "Kalau ada, apakah bisa difotokopi untuk tugas kuliah saya?"));

        var toast = desk.Locator("[data-testid=desk-alert]");
        await toast.WaitForAsync();
        (await toast.TextContentAsync()).Should().Contain("Pesan baru").And.Contain("Rina Kartika: Kalau ada, apakah bisa difotokopi");
        await WaitForTitleAsync(desk, "(1) " + VisitorsTitle);
        (await desk.EvaluateAsync<string>("() => window.deskRing.last.kind")).Should().Be("message");
        // The screenshot shows the toast once faded in (MudBlazor's snackbars settle at 0.95).
        await desk.WaitForFunctionAsync("() => [...document.querySelectorAll('.mud-snackbar')].every(s => parseFloat(getComputedStyle(s).opacity) >= 0.95)");
        await DeskPages.ScreenshotAsync(desk, "desk-alert-visitors-id");

        await toast.ClickAsync();

        // Blazor navigates inside the page (history.pushState): the address is what changes.
        await desk.WaitForFunctionAsync("path => location.pathname === path", $"/conversations/{started.ConversationId}");
        await desk.Locator("[data-testid=transcript-line]", new() { HasTextString = "apakah bisa difotokopi" }).WaitForAsync();
        await desk.WaitForSelectorAsync("[data-testid=enable-sound][data-title-count='0']");
        await desk.WaitForFunctionAsync("() => document.title.endsWith(' · LibrarianDesk') && !document.title.startsWith('(')");
        await toast.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await DeskPages.ScreenshotAsync(desk, "desk-alert-opened-id");
    }
}
