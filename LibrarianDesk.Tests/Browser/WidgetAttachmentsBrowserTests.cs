using LibrarianDesk.Features.Attachments;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Shared.Attachments;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Tests.Features.Attachments;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

/// <summary>
/// Files in the patron widget against the live desk: a pasted screenshot reaches the desk and shows as a
/// thumbnail, a librarian's PDF shows as a card and downloads with the same bytes, a refused file shows
/// the desk's sentence, a cancelled upload leaves nothing.
/// </summary>
public sealed class WidgetAttachmentsBrowserTests(OpenDeskApp app, Chromium chromium) : IClassFixture<OpenDeskApp>, IClassFixture<Chromium>
{
    private const string Attachments = "[data-testid=ld-attachment]";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<Guid> ConversationOfAsync(string email)
    {
        await using var db = app.CreateDbContext();
        return await db.Conversations.Where(c => c.PatronEmail == email).Select(c => c.Id).SingleAsync(Cancel);
    }

    private async Task<IPage> ChattingPatronAsync(string email, int width = 1366, int height = 800)
    {
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await page.SetViewportSizeAsync(width, height);
        await WidgetPages.StartChatAsync(page, "Dewi Lestari", email, "Saya tidak bisa masuk ke e-journal.");
        return page;
    }

    /// <summary>Draws a PNG in the page and pastes it into the composer as a screenshot arrives: a paste event whose DataTransfer holds the file.</summary>
    private static Task PasteScreenshotAsync(IPage page) => page.EvaluateAsync("""
        async () => {
          const root = document.querySelector('#librariandesk-widget').shadowRoot;
          const composer = root.querySelector('[data-testid=ld-composer]');
          const canvas = document.createElement('canvas');
          canvas.width = 480;
          canvas.height = 300;
          const g = canvas.getContext('2d');
          g.fillStyle = '#fdecea';
          g.fillRect(0, 0, 480, 300);
          g.fillStyle = '#b3261e';
          g.font = 'bold 32px sans-serif';
          g.fillText('403 Forbidden', 110, 160);
          const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
          const data = new DataTransfer();
          data.items.add(new File([blob], 'image.png', { type: 'image/png' }));
          composer.focus();
          composer.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        }
        """);

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotDirectory, name + ".png") });

    [Fact]
    public async Task A_pasted_screenshot_reaches_the_desk_and_a_librarians_pdf_downloads_with_the_same_bytes()
    {
        const string email = "dewi.files@contoh.id";
        var page = await ChattingPatronAsync(email);
        var conversationId = await ConversationOfAsync(email);

        await PasteScreenshotAsync(page);

        var thumbnail = page.Locator($"[data-testid=ld-message-item][data-author=patron] {Attachments}[data-kind=image][data-state=ready]");
        await thumbnail.WaitForAsync();
        (await thumbnail.Locator("img[src^='blob:']").CountAsync()).Should().Be(1, "the image is fetched with the token in a header and shown from a blob address");
        (await page.Locator("[data-testid=ld-upload]").CountAsync()).Should().Be(0, "the pending upload gave way to the message");
        await using (var db = app.CreateDbContext())
        {
            var stored = await db.ChatMessages.Where(m => m.ConversationId == conversationId && m.Attachment != null).SingleAsync(Cancel);
            stored.Author.Should().Be(MessageAuthor.Patron);
            stored.Attachment!.Kind.Should().Be(FileKind.Png);
            stored.Text.Should().Be("image.png");
            (await db.AttachmentContents.CountAsync(c => c.AttachmentId == stored.Attachment.Id, Cancel)).Should().Be(1);
        }

        // Full size inside the widget; Escape closes it (not the panel) and gives the focus back to the thumbnail.
        await thumbnail.ClickAsync();
        var overlay = page.Locator("[data-testid=ld-lightbox]");
        await overlay.Locator("img[src^='blob:']").WaitForAsync();
        (await FocusedTestIdAsync(page)).Should().Be("ld-lightbox-close");
        await page.Keyboard.PressAsync("Escape");
        await overlay.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        (await page.Locator("[data-testid=ld-panel]").IsVisibleAsync()).Should().BeTrue("Escape closed the image, not the panel");
        (await FocusedTestIdAsync(page)).Should().Be("ld-attachment");

        await app.Service<LibrarianChat>().ClaimAsync(app.LibrarianId, conversationId);
        await app.Service<ChatAttachments>().SendFromLibrarianAsync(app.LibrarianId, conversationId, Guid.NewGuid().ToString(), "panduan-akses-e-journal.pdf", SampleFiles.Pdf);

        var card = page.Locator($"[data-testid=ld-message-item][data-author=librarian] {Attachments}[data-kind=file]");
        await card.WaitForAsync();
        (await card.Locator("[data-testid=ld-attachment-name]").TextContentAsync()).Should().Be("panduan-akses-e-journal.pdf");
        (await card.Locator("[data-testid=ld-attachment-meta]").TextContentAsync()).Should().Be($"PDF · {SampleFiles.Pdf.Length} B");

        var download = await page.RunAndWaitForDownloadAsync(() => card.ClickAsync());
        download.SuggestedFilename.Should().Be("panduan-akses-e-journal.pdf");
        var saved = Path.Combine(app.DataDirectory, "downloaded.pdf");
        await download.SaveAsAsync(saved);
        (await File.ReadAllBytesAsync(saved, Cancel)).Should().Equal(SampleFiles.Pdf);

        // Both come back after a reload, from Resume, at a desktop's width and a phone's.
        foreach (var (width, height) in new[] { (1440, 900), (360, 740) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.ReloadAsync();
            await page.Locator($"{Attachments}[data-kind=image][data-state=ready]").WaitForAsync();
            await page.Locator($"{Attachments}[data-kind=file]").WaitForAsync();
            (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue($"nothing spills sideways at {width} px");
            await ScreenshotAsync(page, $"widget-files-{width}");
        }
    }

    [Fact]
    public async Task A_refused_file_shows_the_desks_sentence_and_leaves_no_item()
    {
        var page = await ChattingPatronAsync("dewi.svg@contoh.id");

        await page.SetInputFilesAsync("[data-testid=ld-attach-input]", new FilePayload { Name = "logo.svg", MimeType = "image/svg+xml", Buffer = SampleFiles.Svg });

        await Assertions.Expect(page.Locator("[data-testid=ld-error]")).ToHaveTextAsync(
            "Jenis berkas ini tidak dapat dikirim. Kirim gambar (JPEG, PNG, WebP, GIF), PDF, teks, atau dokumen Word, Excel, atau PowerPoint.");
        (await page.Locator("[data-testid=ld-upload]").CountAsync()).Should().Be(0);
        (await page.Locator(Attachments).CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_at_once_without_an_upload()
    {
        var page = await ChattingPatronAsync("dewi.large@contoh.id");
        var uploads = 0;
        await page.RouteAsync("**/widget/attachments", async route => { Interlocked.Increment(ref uploads); await route.ContinueAsync(); });

        await page.SetInputFilesAsync("[data-testid=ld-attach-input]", new FilePayload
        {
            Name = "pindaian.pdf", MimeType = "application/pdf", Buffer = [.. SampleFiles.Pdf, .. new byte[10 * 1024 * 1024]],
        });

        await Assertions.Expect(page.Locator("[data-testid=ld-error]")).ToHaveTextAsync("pindaian.pdf terlalu besar untuk dikirim: paling besar 10 MB.");
        (await page.Locator("[data-testid=ld-upload]").CountAsync()).Should().Be(0);
        uploads.Should().Be(0);
    }

    [Fact]
    public async Task Cancel_removes_the_pending_upload_and_nothing_reaches_the_desk()
    {
        const string email = "dewi.cancel@contoh.id";
        var page = await ChattingPatronAsync(email);
        var held = new TaskCompletionSource<IRoute>(TaskCreationOptions.RunContinuationsAsynchronously);
        var aborted = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The upload is held on its way, as on a slow line: the patron sees it pending.
        await page.RouteAsync("**/widget/attachments", route => { held.TrySetResult(route); return Task.CompletedTask; });
        page.RequestFailed += (_, request) =>
        {
            if (request.Url.EndsWith("/widget/attachments", StringComparison.Ordinal))
            {
                aborted.TrySetResult(request.Failure);
            }
        };

        await page.SetInputFilesAsync("[data-testid=ld-attach-input]", new FilePayload { Name = "catatan.txt", MimeType = "text/plain", Buffer = SampleFiles.Text });
        var route = await held.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        var pending = page.Locator("[data-testid=ld-upload]");
        (await pending.Locator("[data-testid=ld-upload-progress]").GetAttributeAsync("role")).Should().Be("progressbar");
        (await pending.Locator(".ld-file-name").TextContentAsync()).Should().Be("catatan.txt");

        await pending.Locator("[data-testid=ld-upload-cancel]").ClickAsync();

        await pending.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        (await aborted.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancel)).Should().Be("net::ERR_ABORTED", "cancel stops the upload, not just its item");
        await route.ContinueAsync(); // lets it go on had it not been aborted: then the desk would store it
        var conversationId = await ConversationOfAsync(email);
        await using var db = app.CreateDbContext();
        (await db.ChatMessages.CountAsync(m => m.ConversationId == conversationId && m.Attachment != null, Cancel)).Should().Be(0);
        (await page.Locator(Attachments).CountAsync()).Should().Be(0);
    }

    private static Task<string> FocusedTestIdAsync(IPage page) =>
        page.EvaluateAsync<string>("() => document.querySelector('#librariandesk-widget').shadowRoot.activeElement?.dataset.testid ?? ''");
}
