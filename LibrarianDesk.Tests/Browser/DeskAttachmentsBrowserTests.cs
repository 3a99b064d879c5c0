using System.Net;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Tests.Attachments;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

/// <summary>
/// Files in the librarian's workspace, end to end: a patron's screenshot shows as a thumbnail the browser loads, the
/// librarian sends a PDF with the attach button and an image by pasting it, and the patron gets the same bytes.
/// </summary>
public sealed class DeskAttachmentsBrowserTests(OpenDeskApp app, Chromium chromium) : IClassFixture<OpenDeskApp>, IClassFixture<Chromium>
{
    /// <summary>Where the workspace's pictures with files go, to be looked at (not compared).</summary>
    private const string ShotDirectory = "/tmp/shots-desk";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_patrons_screenshot_shows_as_a_thumbnail_and_the_librarians_PDF_reaches_the_patron_byte_for_byte()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync("Saya tidak bisa masuk ke e-resources, ini galatnya.", "Dewi Lestari");
        await app.Service<LibrarianChat>().ReplyAsync(app.LibrarianId, started.ConversationId, "Boleh kirim tangkapan layarnya, Bu?");
        (await patron.NextFromLibrarianAsync()).Attachment.Should().BeNull();
        var page = await OpenWorkspaceAsync(started.ConversationId);
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        using var sent = await http.PostAsync("/widget/attachments", PatronUpload(started, "galat-login.png", await ScreenshotAsync(page)), Cancel);

        sent.StatusCode.Should().Be(HttpStatusCode.OK, await sent.Content.ReadAsStringAsync(Cancel));
        var thumbnail = page.Locator("[data-testid=transcript-line][data-author=patron] [data-testid=desk-attachment][data-kind=image]");
        await thumbnail.WaitForAsync();
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await thumbnail.Locator("img").ElementHandleAsync());
        (await thumbnail.GetAttributeAsync("target")).Should().Be("_blank");

        var pdf = SampleFiles.Pdf();
        await page.SetInputFilesAsync("[data-testid=desk-attach-input]", new FilePayload { Name = "Panduan e-resources.pdf", MimeType = "application/pdf", Buffer = pdf });

        var message = await patron.NextFromLibrarianAsync();
        message.Attachment.Should().BeEquivalentTo(new { FileName = "Panduan e-resources.pdf", ContentType = "application/pdf", Length = pdf.Length, IsImage = false });
        using var download = new HttpRequestMessage(HttpMethod.Get, $"/widget/attachments/{message.Attachment!.Id}");
        download.Headers.Add("X-Patron-Token", started.PatronToken);
        using var downloaded = await http.SendAsync(download, Cancel);
        downloaded.StatusCode.Should().Be(HttpStatusCode.OK);
        (await downloaded.Content.ReadAsByteArrayAsync(Cancel)).Should().Equal(pdf);
        var card = page.Locator("[data-testid=transcript-line][data-author=librarian] [data-testid=desk-attachment][data-kind=file]");
        await Assertions.Expect(card).ToContainTextAsync("Panduan e-resources.pdf");
        await Assertions.Expect(page.Locator("[data-testid=desk-upload-progress]")).ToHaveCountAsync(0);

        Directory.CreateDirectory(ShotDirectory);
        foreach (var width in new[] { 1440, 360 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.Locator("[data-testid=transcript]").EvaluateAsync("t => t.scrollTop = t.scrollHeight");
            await page.ScreenshotAsync(new() { Path = Path.Combine(ShotDirectory, $"workspace-files-{width}.png"), FullPage = true });
        }
    }

    [Fact]
    public async Task A_screenshot_pasted_into_the_message_box_is_sent_to_the_patron_and_not_written_into_the_message()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        await app.Service<LibrarianChat>().ClaimAsync(app.LibrarianId, started.ConversationId);
        var page = await OpenWorkspaceAsync(started.ConversationId);
        var screenshot = await ScreenshotAsync(page);

        await page.Locator("[data-testid=composer]").EvaluateAsync("""
            (box, bytes) => {
                const data = new DataTransfer();
                data.items.add(new File([new Uint8Array(bytes)], "image.png", { type: "image/png" }));
                box.focus();
                box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """, screenshot.Select(b => (int)b).ToArray());

        var message = await patron.NextFromLibrarianAsync();
        message.Attachment.Should().BeEquivalentTo(new { FileName = "image.png", IsImage = true });
        var thumbnail = page.Locator("[data-testid=desk-attachment][data-kind=image] img");
        await thumbnail.WaitForAsync();
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await thumbnail.ElementHandleAsync());
        (await page.InputValueAsync("[data-testid=composer]")).Should().BeEmpty("a pasted file is sent, not written into the message");
    }

    [Fact]
    public async Task A_file_the_desk_refuses_shows_the_servers_sentence_and_nothing_is_sent()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        await app.Service<LibrarianChat>().ClaimAsync(app.LibrarianId, started.ConversationId);
        var page = await OpenWorkspaceAsync(started.ConversationId);

        await page.SetInputFilesAsync("[data-testid=desk-attach-input]", new FilePayload
        {
            Name = "foto.png", MimeType = "image/png", Buffer = "<html><script>alert(1)</script></html>"u8.ToArray(),
        });

        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Jenis berkas ini tidak dapat dikirim.");
        await Assertions.Expect(page.Locator("[data-testid=desk-upload-progress]")).ToHaveCountAsync(0);
        (await page.Locator("[data-testid=desk-attachment]").CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task An_upload_shows_its_file_while_it_runs_and_cancel_stops_it_so_nothing_is_sent()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        await app.Service<LibrarianChat>().ClaimAsync(app.LibrarianId, started.ConversationId);
        var page = await OpenWorkspaceAsync(started.ConversationId);

        // The upload is held on its way (a slow line), so it is still running when the librarian cancels it.
        var held = new TaskCompletionSource();
        await page.RouteAsync("**/desk/conversations/*/attachments", async route =>
        {
            await held.Task;
            try
            {
                await route.AbortAsync();
            }
            catch (PlaywrightException)
            {
                // The browser already gave the request up.
            }
        });
        await page.SetInputFilesAsync("[data-testid=desk-attach-input]", new FilePayload { Name = "Panduan.pdf", MimeType = "application/pdf", Buffer = SampleFiles.Pdf() });

        await Assertions.Expect(page.Locator("[data-testid=desk-uploads]")).ToContainTextAsync("Panduan.pdf");
        await page.ClickAsync("[data-testid=desk-upload-cancel]");

        await Assertions.Expect(page.Locator("[data-testid=desk-upload-progress]")).ToHaveCountAsync(0);
        held.SetResult();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await page.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.Wait });
        await app.Service<LibrarianChat>().ReplyAsync(app.LibrarianId, started.ConversationId, "Saya kirim lagi nanti.");
        (await patron.NextFromLibrarianAsync()).Text.Should().Be("Saya kirim lagi nanti.", "the cancelled file never became a message");
    }

    [Fact]
    public async Task The_attach_button_opens_the_file_picker_and_files_dragged_over_the_pane_show_where_they_go()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        await app.Service<LibrarianChat>().ClaimAsync(app.LibrarianId, started.ConversationId);
        var page = await OpenWorkspaceAsync(started.ConversationId);

        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.ClickAsync("[data-testid=desk-attach]"));
        chooser.IsMultiple.Should().BeTrue();

        await page.Locator("[data-testid=transcript]").EvaluateAsync("""
            element => {
                const data = new DataTransfer();
                data.items.add(new File(["x"], "catatan.txt", { type: "text/plain" }));
                element.dispatchEvent(new DragEvent("dragenter", { dataTransfer: data, bubbles: true, cancelable: true }));
            }
            """);
        (await page.GetAttributeAsync("[data-testid=workspace]", "data-drop-hint")).Should().Be("Lepaskan berkas di sini untuk mengirimnya ke pemustaka");
    }

    private async Task<IPage> OpenWorkspaceAsync(Guid conversationId)
    {
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await DeskPages.SignInAsync(page, OpenDeskApp.LibrarianEmail, DeskApp.StaffPassword, $"/conversations/{conversationId}");
        await DeskPages.WaitForComposerAsync(page);
        await page.Locator(".desk-attach[data-ready=true] [data-testid=desk-attach]").WaitForAsync();
        return page;
    }

    /// <summary>A real screenshot, as an operating system makes one: the browser's picture of a sign-in error.</summary>
    private static async Task<byte[]> ScreenshotAsync(IPage beside)
    {
        var page = await beside.Context.NewPageAsync();
        await page.SetViewportSizeAsync(480, 300);
        await page.SetContentAsync("""
            <body style="font-family:sans-serif;background:#f4f6f8;margin:0;padding:24px">
              <h2 style="color:#b00020">Login gagal</h2>
              <p>Akun e-resources Anda tidak dikenali (kode 403). Hubungi perpustakaan.</p>
            </body>
            """);
        var png = await page.ScreenshotAsync();
        await page.CloseAsync();
        return png;
    }

    private static MultipartFormDataContent PatronUpload(StartConversationResponse started, string fileName, byte[] content) => new()
    {
        { new StringContent(started.ConversationId.ToString()), "conversationId" },
        { new StringContent(started.PatronToken), "patronToken" },
        { new StringContent(PatronClient.NewMessageId()), "clientMessageId" },
        { new ByteArrayContent(content), "file", fileName },
    };
}
