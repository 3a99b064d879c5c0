using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

public sealed class DeskAttachmentsBrowserTests(OpenDeskApp app, Chromium chromium) : IClassFixture<OpenDeskApp>, IClassFixture<Chromium>
{
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
                data.items.add(new File(["x"], "a.txt", { type: "text/plain" }));
                element.dispatchEvent(new DragEvent("dragenter", { dataTransfer: data, bubbles: true, cancelable: true }));
            }
            """);
        (await page.GetAttributeAsync("[data-testid=workspace]", "data-drop-hint")).Should().Be("Lepaskan file di sini untuk mengirimnya ke pemustaka");
        await page.ScreenshotAsync(new() { Path = "/tmp/shots-desk/drop-hint.png" });
    }

    private async Task<IPage> OpenWorkspaceAsync(Guid conversationId)
    {
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await DeskPages.SignInAsync(page, OpenDeskApp.LibrarianEmail, DeskApp.StaffPassword, $"/conversations/{conversationId}");
        await DeskPages.WaitForComposerAsync(page);
        await page.Locator("[data-testid=desk-attach]").WaitForAsync();
        return page;
    }
}
