using System.Text.RegularExpressions;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

/// <summary>
/// The patron widget on the demo page, against the live hub. Playwright's CSS selectors pierce the
/// widget's open shadow root, so the data-testid selectors reach inside it.
/// </summary>
public sealed class WidgetBrowserTests(OpenDeskApp app, Chromium chromium) : IClassFixture<OpenDeskApp>, IClassFixture<Chromium>
{
    private LibrarianChat Chat => app.Service<LibrarianChat>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotDirectory, name + ".png") });

    private async Task<Guid> ConversationOfAsync(string email)
    {
        await using var db = app.CreateDbContext();
        return await db.Conversations.Where(c => c.PatronEmail == email).Select(c => c.Id).SingleAsync(Cancel);
    }

    /// <summary>Waits until at least <paramref name="count"/> elements match (never a fixed sleep).</summary>
    private static Task AtLeastAsync(IPage page, string selector, int count) =>
        page.Locator(selector).Nth(count - 1).WaitForAsync();

    [Theory]
    [InlineData(1366, 800, "desktop")]
    [InlineData(360, 740, "phone")]
    public async Task A_patron_reads_the_faq_starts_a_chat_gets_a_reply_and_still_has_it_after_a_reload(int width, int height, string device)
    {
        var email = $"siti.{device}@contoh.id";
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync("/demo");

        await page.ClickAsync("[data-testid=ld-launcher]");
        await page.Locator("[data-testid=ld-new-conversation]:not([disabled])").WaitForAsync();
        (await page.TextContentAsync("[data-testid=ld-status]")).Should().StartWith("Layanan buka");

        await page.FillAsync("[data-testid=ld-faq-search]", "anggota");
        var answer = page.Locator("[data-testid=ld-faq-result]", new() { HasText = "cara menjadi anggota" });
        await answer.Locator("summary").ClickAsync();
        (await answer.Locator(".ld-faq-answer").IsVisibleAsync()).Should().BeTrue();
        await ScreenshotAsync(page, $"widget-faq-{device}");

        await page.ClickAsync("[data-testid=ld-new-conversation]");
        await page.ClickAsync("[data-testid=ld-start]");
        (await page.TextContentAsync("[data-testid=ld-error-name]")).Should().Be("Nama wajib diisi.");
        (await page.TextContentAsync("[data-testid=ld-error-message]")).Should().Be("Tuliskan pertanyaan Anda.");

        await page.FillAsync("[data-testid=ld-name]", "Siti <b>Rahma</b>");
        await page.FillAsync("[data-testid=ld-email]", email);
        await page.SelectOptionAsync("[data-testid=ld-question-type]", new SelectOptionValue { Index = 1 });
        await page.FillAsync("[data-testid=ld-message]", "Apakah ada koleksi peta Batavia abad ke-18?");
        await page.ClickAsync("[data-testid=ld-start]");
        await page.Locator("[data-testid=ld-message-item][data-author=patron][data-state=sent]").WaitForAsync();
        (await page.TextContentAsync("[data-testid=ld-waiting]")).Should().Be("Menunggu pustakawan…");

        var conversationId = await ConversationOfAsync(email);
        await Chat.ReplyAsync(app.LibrarianId, conversationId, "Ada, di layanan peta lantai 21. <script>alert(1)</script>");
        await page.Locator("[data-testid=ld-librarian]", new() { HasText = "Sari Wulandari" }).WaitForAsync();
        var reply = page.Locator("[data-testid=ld-message-item][data-author=librarian]");
        await reply.WaitForAsync();
        (await reply.Locator("[data-testid=ld-message-text]").TextContentAsync()).Should().Be("Ada, di layanan peta lantai 21. <script>alert(1)</script>");

        await page.FillAsync("[data-testid=ld-composer]", "Terima kasih, saya datang besok.");
        await page.PressAsync("[data-testid=ld-composer]", "Enter");
        await AtLeastAsync(page, "[data-testid=ld-message-item][data-author=patron][data-state=sent]", 2);
        await ScreenshotAsync(page, $"widget-conversation-{device}");

        await page.ReloadAsync();
        await AtLeastAsync(page, "[data-testid=ld-message-item]", 3);
        (await page.Locator("[data-testid=ld-message-item]").AllTextContentsAsync()).Should().HaveCount(3);
        (await page.TextContentAsync("[data-testid=ld-librarian]")).Should().Be("Sari Wulandari");
        await ScreenshotAsync(page, $"widget-after-reload-{device}");

        await using var db = app.CreateDbContext();
        (await db.ChatMessages.Where(m => m.ConversationId == conversationId).OrderBy(m => m.Sequence).Select(m => m.Text).ToListAsync(Cancel))
            .Should().Equal(
                "Apakah ada koleksi peta Batavia abad ke-18?",
                "Ada, di layanan peta lantai 21. <script>alert(1)</script>",
                "Terima kasih, saya datang besok.");
    }

    [Fact]
    public async Task A_transfer_shows_the_patron_a_desk_line_as_text_naming_the_new_librarian_also_after_a_reload()
    {
        const string email = "wulan.alih@contoh.id";
        var colleague = await StaffAccounts.CreateAsync(app, $"{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], "Budi <i>Santoso</i>");
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await WidgetPages.StartChatAsync(page, "Wulan", email, "Apakah ada arsip surat kabar tahun 1950?");
        var conversationId = await ConversationOfAsync(email);
        await Chat.ReplyAsync(app.LibrarianId, conversationId, "Saya alihkan ke rekan bagian arsip.");
        await page.Locator("[data-testid=ld-message-item][data-author=librarian]").WaitForAsync();

        await Chat.TransferAsync(app.LibrarianId, conversationId, colleague.Id, "Cek mikrofilm.");

        const string told = "Anda sekarang dilayani oleh Budi <i>Santoso</i>";
        var line = page.Locator("[data-testid=ld-message-item][data-author=system]");
        await line.WaitForAsync();
        (await line.Locator("[data-testid=ld-message-text]").TextContentAsync()).Should().Be(told);
        (await line.Locator("i").CountAsync()).Should().Be(0, "a desk line is text, never markup");
        (await line.Locator(".ld-msg-author").CountAsync()).Should().Be(0, "the desk, not a librarian, wrote it");
        (await line.EvaluateAsync<string>("e => getComputedStyle(e).alignSelf")).Should().Be("center", "it stands apart from both sides' messages");
        await page.Locator("[data-testid=ld-librarian]", new() { HasText = "Budi <i>Santoso</i>" }).WaitForAsync();
        (await page.Locator("[data-testid=ld-message-item]").AllTextContentsAsync()).Should().NotContain(t => t.Contains("mikrofilm", StringComparison.Ordinal));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "i22-transfer", "widget-transfer.png") });

        await page.ReloadAsync();
        await AtLeastAsync(page, "[data-testid=ld-message-item]", 3);
        (await page.Locator("[data-testid=ld-message-item]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.author)"))
            .Should().Equal("patron", "librarian", "system");
        (await page.Locator("[data-testid=ld-message-item][data-author=system] [data-testid=ld-message-text]").TextContentAsync()).Should().Be(told);
    }

    [Fact]
    public async Task After_a_dropped_connection_the_widget_sends_what_was_typed_and_shows_the_missed_replies_once()
    {
        const string email = "fajar.reconnect@contoh.id";
        var page = await chromium.NewPageAsync(app.BaseAddress);

        // The network "drops": open hub sockets are closed and new connections fail until it comes back.
        var sockets = new List<IWebSocketRoute>();
        var down = false;
        await page.RouteWebSocketAsync(new Regex("/hubs/patron"), socket =>
        {
            if (down)
            {
                _ = socket.CloseAsync();
                return;
            }

            socket.ConnectToServer();
            lock (sockets)
            {
                sockets.Add(socket);
            }
        });
        await page.RouteAsync("**/hubs/patron/negotiate**", route => down ? route.AbortAsync() : route.ContinueAsync());

        await WidgetPages.StartChatAsync(page, "Fajar", email, "Pertanyaan pertama");
        var conversationId = await ConversationOfAsync(email);

        down = true;
        List<IWebSocketRoute> open;
        lock (sockets)
        {
            open = [.. sockets];
        }

        foreach (var socket in open)
        {
            await socket.CloseAsync();
        }

        (await page.TextContentAsync("[data-testid=ld-connection]")).Should().Be("Koneksi terputus. Menyambung ulang…");
        await page.FillAsync("[data-testid=ld-composer]", "Ditulis saat terputus");
        await page.PressAsync("[data-testid=ld-composer]", "Enter");
        await page.Locator("[data-testid=ld-message-item][data-state=sending]").WaitForAsync();
        await Chat.ReplyAsync(app.LibrarianId, conversationId, "Balasan saat Anda terputus 1");
        await Chat.ReplyAsync(app.LibrarianId, conversationId, "Balasan saat Anda terputus 2");
        await ScreenshotAsync(page, "widget-reconnecting");

        down = false;
        await page.Locator("[data-testid=ld-connection]").WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 40_000 });
        await page.Locator("[data-testid=ld-message-item][data-state=sending]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await AtLeastAsync(page, "[data-testid=ld-message-item][data-author=librarian]", 2);

        var shown = await page.Locator("[data-testid=ld-message-item]").EvaluateAllAsync<string[]>(
            "items => items.map(i => i.dataset.author + ' ' + i.dataset.sequence)");
        shown.Should().Equal(["patron 1", "librarian 2", "librarian 3", "patron 4"],
            "the message typed while disconnected is stored once, after the replies the server already had");
        await using var db = app.CreateDbContext();
        (await db.ChatMessages.CountAsync(m => m.ConversationId == conversationId, Cancel)).Should().Be(4);
    }

    [Fact]
    public async Task A_refused_message_is_marked_failed_and_its_retry_keeps_the_client_message_id()
    {
        const string email = "gita.retry@contoh.id";
        var page = await chromium.NewPageAsync(app.BaseAddress);

        // The first SendMessage reaches the server with an over-long text, so the hub refuses it (validation:).
        var spoiled = false;
        var clientMessageIds = await PatronSocketTap.RecordSendsAsync(page, text =>
        {
            if (spoiled)
            {
                return text;
            }

            spoiled = true;
            return text.Replace("Pesan kedua", new string('x', 2001), StringComparison.Ordinal);
        });

        await WidgetPages.StartChatAsync(page, "Gita", email, "Pesan pertama");

        await page.FillAsync("[data-testid=ld-composer]", "Pesan kedua");
        await page.PressAsync("[data-testid=ld-composer]", "Enter");
        await page.Locator("[data-testid=ld-message-item][data-state=failed]").WaitForAsync();
        (await page.TextContentAsync("[data-testid=ld-error]")).Should().NotBeNullOrWhiteSpace().And.NotContain("validation:");
        await ScreenshotAsync(page, "widget-message-failed");

        await page.ClickAsync("[data-testid=ld-retry]");
        // The retried message goes failed → sending → sent: wait for the second sent one, not just for "not failed".
        await page.Locator("[data-testid=ld-message-item][data-state=sent]").Nth(1).WaitForAsync();
        (await page.Locator("[data-testid=ld-message-item][data-state=failed]").CountAsync()).Should().Be(0);
        (await page.Locator("[data-testid=ld-message-item][data-state=sent]").CountAsync()).Should().Be(2);
        clientMessageIds.Should().HaveCount(2).And.OnlyContain(id => id == clientMessageIds.First());

        await using var db = app.CreateDbContext();
        var conversationId = await ConversationOfAsync(email);
        (await db.ChatMessages.Where(m => m.ConversationId == conversationId).OrderBy(m => m.Sequence).Select(m => m.Text).ToListAsync(Cancel))
            .Should().Equal("Pesan pertama", "Pesan kedua");
    }

    [Fact]
    public async Task A_patron_who_leaves_before_any_librarian_answered_is_not_offered_a_transcript()
    {
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await WidgetPages.StartChatAsync(page, "Rina", "rina.tanpa.jawaban@contoh.id", "Halo, ada orang?");

        await page.ClickAsync("[data-testid=ld-end]");
        await page.ClickAsync("[data-testid=ld-end-confirm]");
        await page.Locator("[data-testid=ld-ended-reason]").WaitForAsync();

        (await page.Locator("[data-testid=ld-transcript-email]").CountAsync()).Should().Be(0, "the desk would refuse it: nobody answered");
    }

    [Fact]
    public async Task A_patron_ends_the_chat_rates_it_and_asks_for_the_transcript()
    {
        const string email = "budi.rating@contoh.id";
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await WidgetPages.StartChatAsync(page, "Budi", email, "Bagaimana cara memperpanjang pinjaman?");
        await Chat.ReplyAsync(app.LibrarianId, await ConversationOfAsync(email), "Melalui menu Pinjaman di akun Anda.");
        await page.Locator("[data-testid=ld-message-item][data-author=librarian]").WaitForAsync();

        await page.ClickAsync("[data-testid=ld-end]");
        await page.ClickAsync("[data-testid=ld-end-confirm]");
        (await page.TextContentAsync("[data-testid=ld-ended-reason]")).Should().Be("Anda telah mengakhiri percakapan.");
        await page.ClickAsync("[data-testid=ld-rate-4]");
        await page.FillAsync("[data-testid=ld-rate-comment]", "Cepat dan jelas");
        await page.ClickAsync("[data-testid=ld-rate-send]");
        await page.Locator("[data-testid=ld-rate-thanks]").WaitForAsync();
        (await page.InputValueAsync("[data-testid=ld-transcript-email]")).Should().Be(email);
        await page.ClickAsync("[data-testid=ld-transcript-send]");
        await page.Locator("[data-testid=ld-transcript-sent]").WaitForAsync();
        await ScreenshotAsync(page, "widget-ended");

        await using var db = app.CreateDbContext();
        var stored = await db.Conversations.SingleAsync(c => c.PatronEmail == email, Cancel);
        stored.Should().BeEquivalentTo(new { Rating = 4, RatingComment = "Cepat dan jelas", TranscriptEmail = email, EndedByPatron = true });
    }
}

/// <summary>Inside the hours (always open) but nobody Online: the widget offers the offline form.</summary>
public sealed class WidgetClosedDeskBrowserTests(WidgetClosedDeskBrowserTests.NobodyOnlineApp app, Chromium chromium)
    : IClassFixture<WidgetClosedDeskBrowserTests.NobodyOnlineApp>, IClassFixture<Chromium>
{
    public sealed class NobodyOnlineApp : DeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:ServiceHours:AlwaysOpen"] = "true",
        };
    }

    [Fact]
    public async Task With_no_librarian_online_the_widget_says_so_and_takes_an_offline_message()
    {
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await page.SetViewportSizeAsync(360, 740);
        await page.GotoAsync("/demo");
        await page.ClickAsync("[data-testid=ld-launcher]");

        await page.Locator("[data-testid=ld-closed-notice]").WaitForAsync();
        (await page.TextContentAsync("[data-testid=ld-status]")).Should().StartWith("Layanan sedang tutup");
        (await page.TextContentAsync("[data-testid=ld-closed-reason]")).Should().Be("Belum ada pustakawan yang daring saat ini.");
        (await page.Locator("[data-testid=ld-new-conversation]").CountAsync()).Should().Be(0);

        await page.ClickAsync("[data-testid=ld-leave-message]");
        await page.Locator("[data-testid=ld-offline-form]").WaitForAsync();
        await page.FillAsync("[data-testid=ld-name]", "Rina");
        await page.FillAsync("[data-testid=ld-email]", "bukan-email");
        await page.SelectOptionAsync("[data-testid=ld-question-type]", new SelectOptionValue { Index = 1 });
        await page.FillAsync("[data-testid=ld-message]", "Apakah skripsi tahun 1995 bisa dipindai?");
        await page.ClickAsync("[data-testid=ld-offline-send]");
        (await page.TextContentAsync("[data-testid=ld-error-email]")).Should().Be("Alamat email tidak valid.");

        await page.FillAsync("[data-testid=ld-email]", "rina@contoh.id");
        await page.ClickAsync("[data-testid=ld-offline-send]");
        (await page.TextContentAsync("[data-testid=ld-offline-confirmation]")).Should().Contain("rina@contoh.id");
        await ScreenshotAsync(page, "widget-offline-sent-phone");

        await using (var db = app.CreateDbContext())
        {
            (await db.OfflineMessages.SingleAsync(TestContext.Current.CancellationToken)).Email.Should().Be("rina@contoh.id");
        }

        // A librarian comes Online: the open widget changes its mind without a reload.
        await page.ClickAsync("[data-testid=ld-home-button]");
        await page.Locator("[data-testid=ld-leave-message]").WaitForAsync();
        var librarian = await StaffAccounts.CreateAsync(app, "arrives@test.local", [DeskRoles.Librarian], "Dewi Datang");
        await app.Service<PresenceService>().SetAsync(librarian.Id, Presence.Online, TestContext.Current.CancellationToken);
        await page.Locator("[data-testid=ld-new-conversation]").WaitForAsync();
        (await page.TextContentAsync("[data-testid=ld-status]")).Should().StartWith("Layanan buka");
    }

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotDirectory, name + ".png") });
}
