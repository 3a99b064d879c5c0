using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

public sealed class WorkspaceBrowserTests(OpenDeskApp app, Chromium chromium) : IClassFixture<OpenDeskApp>, IClassFixture<Chromium>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_librarian_takes_a_chat_by_replying_chats_both_ways_notes_and_closes_it_with_a_question_type_and_READ_level()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync("Bagaimana cara mengajukan ISBN untuk buku pertama saya?", "Gilang Saputra");
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await DeskPages.SignInAsync(page, OpenDeskApp.LibrarianEmail, DeskApp.StaffPassword);
        await page.GotoAsync($"/conversations/{started.ConversationId}");
        await DeskPages.WaitForInteractiveDeskAsync(page);
        (await page.TextContentAsync("[data-testid=workspace-patron]")).Should().Be("Gilang Saputra");
        await DeskPages.WaitForComposerAsync(page);

        await page.FillAsync("[data-testid=composer]", "Selamat siang, Gilang. Saya bantu ya.");
        await page.PressAsync("[data-testid=composer]", "Enter");
        (await PatronClient.NextAsync(patron.Claims)).LibrarianName.Should().Be("Sari Wulandari");
        (await PatronClient.NextAsync(patron.Messages)).Text.Should().Be("Selamat siang, Gilang. Saya bantu ya.");
        await page.Locator("[data-testid=workspace-owner]", new() { HasText = "Sari Wulandari" }).WaitForAsync();
        // A sent reply leaves the composer (cleared once the reply is committed).
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=composer]').value === ''");

        await patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
            new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), "Saya penerbit perorangan.\nApa syaratnya?"));
        await page.Locator("[data-testid=transcript-line][data-author=patron]", new() { HasText = "Apa syaratnya?" }).WaitForAsync();

        await page.FillAsync("[data-testid=composer]", "/ja");
        await page.Locator("[data-testid=canned-suggestion]", new() { HasText = "/jam" }).WaitForAsync();
        await page.FillAsync("[data-testid=composer]", "/jam");
        await page.PressAsync("[data-testid=composer]", "Enter");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=composer]').value.startsWith('Layanan Tanya Pustakawan buka')");
        await page.PressAsync("[data-testid=composer]", "Enter");
        (await patron.NextFromLibrarianAsync()).Text.Should().StartWith("Layanan Tanya Pustakawan buka Senin–Jumat");

        await page.ClickAsync("text=Catatan Internal");
        await page.FillAsync("[data-testid=composer]", "Arahkan ke formulir ISBN daring.");
        await page.ClickAsync("[data-testid=composer-send]");
        await page.Locator("[data-testid=transcript-line][data-author=note]").WaitForAsync();
        await DeskPages.ScreenshotAsync(page, "workspace-id");

        await page.ReloadAsync();
        await DeskPages.WaitForInteractiveDeskAsync(page);
        // A reload shows the whole transcript again, once the conversation has loaded after the first render.
        await Assertions.Expect(page.Locator("[data-testid=transcript-line]")).ToHaveCountAsync(5);

        await page.ClickAsync("[data-testid=workspace-close]");
        await page.ClickAsync("[data-testid=close-confirm]");
        await page.Locator("[data-testid=close-error]").Nth(1).WaitForAsync();
        (await page.Locator("[data-testid=close-error]").AllInnerTextsAsync()).Should().Equal("Pilih jenis pertanyaan.", "Pilih skala READ.");
        await DeskPages.ScreenshotAsync(page, "close-dialog-required");
        await page.ClickAsync("[data-testid=close-dialog] .mud-select");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = patron.Hello.QuestionTypes[1].Name }).ClickAsync();
        await page.ClickAsync("[data-testid=read-3]");
        await page.ClickAsync("[data-testid=close-confirm]");
        await page.WaitForSelectorAsync("[data-testid=workspace-ended]");
        (await PatronClient.NextAsync(patron.Closings)).Reason.Should().Be(ConversationClosedNotice.ClosedByLibrarian);

        await using var db = app.CreateDbContext();
        var closed = await db.Conversations.SingleAsync(c => c.Id == started.ConversationId, Cancel);
        closed.Should().BeEquivalentTo(new { Status = ConversationStatus.Closed, ReadScale = (int?)3, QuestionTypeId = (int?)patron.Hello.QuestionTypes[1].Id });
    }

    [Fact]
    public async Task A_second_librarian_replying_to_a_taken_chat_is_told_who_has_it_and_keeps_the_draft()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync("Apakah perpustakaan buka hari Minggu?", "Ratna Siregar");
        await StaffAccounts.CreateAsync(app, "budi.browser@test.local", [Shared.Staff.DeskRoles.Librarian], "Budi Santoso");
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await DeskPages.SignInAsync(page, "budi.browser@test.local", DeskApp.StaffPassword);
        await page.GotoAsync($"/conversations/{started.ConversationId}");
        await DeskPages.WaitForInteractiveDeskAsync(page);
        await DeskPages.WaitForComposerAsync(page);

        await app.Service<LibrarianDesk.Features.Conversations.LibrarianChat>().ReplyAsync(app.LibrarianId, started.ConversationId, "Minggu tutup.");
        await page.FillAsync("[data-testid=composer]", "Hari Minggu layanan tutup, Bu.");
        await page.PressAsync("[data-testid=composer]", "Enter");

        (await page.TextContentAsync("[data-testid=workspace-taken]")).Should().Contain("Sudah diambil oleh Sari Wulandari");
        (await page.InputValueAsync("[data-testid=composer]")).Should().Be("Hari Minggu layanan tutup, Bu.");
        await DeskPages.ScreenshotAsync(page, "workspace-taken-id");
    }
}
