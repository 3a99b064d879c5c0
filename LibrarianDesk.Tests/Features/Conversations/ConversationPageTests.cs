using Bunit;
using LibrarianDesk.Features.CannedResponses;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Features.Conversations;

/// <summary>
/// The librarian's workspace as a component, against a running desk. Enter in the composer reaches the
/// page from script (composer.js), not as a Blazor event, so these tests call that entry point directly.
/// </summary>
public sealed class ConversationPageTests : LiveDeskComponentTest, IClassFixture<OpenDeskApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly OpenDeskApp app;

    public ConversationPageTests(OpenDeskApp app)
        : base(app)
    {
        this.app = app;
        Services.AddSingleton(app.Service<CannedResponseService>());
        SignInAsAccount(app.LibrarianId, "Sari Wulandari", DeskRoles.Librarian);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task Enter_on_a_chat_a_colleague_took_meanwhile_shows_who_has_it_and_keeps_the_draft()
    {
        var colleague = await StaffAccounts.CreateAsync(app, $"{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], "Budi Santoso");
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync("Apakah perpustakaan buka hari Minggu?", "Ratna Siregar");
        var page = Render<ConversationPage>(p => p.Add(c => c.Id, started.ConversationId));
        await app.Service<LibrarianChat>().ReplyAsync(colleague.Id, started.ConversationId, "Minggu tutup.");
        page.WaitForAssertion(() => page.Find("[data-testid=workspace-owner]").TextContent.Should().Contain("Budi Santoso"), Patience);
        page.Find("[data-testid=composer]").Input("Hari Minggu layanan tutup, Bu.");

        await page.Instance.SubmitFromKeyboard("Hari Minggu layanan tutup, Bu.");

        page.WaitForAssertion(() => page.Find("[data-testid=workspace-taken]").TextContent.Should().Contain("Sudah diambil oleh Budi Santoso"), Patience);
        page.Find("[data-testid=composer]").GetAttribute("value").Should().Be("Hari Minggu layanan tutup, Bu.");
        JSInterop.Invocations["deskComposer.clear"].Should().BeEmpty("the draft stays for the librarian to use elsewhere");
        page.FindAll("[data-testid=transcript-line]").Should().HaveCount(2);
    }

    [Fact]
    public async Task Enter_on_a_shortcut_puts_the_saved_reply_in_the_composer_and_the_suggestions_go()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync("Jam berapa buka?", "Ratna Siregar");
        await app.Service<LibrarianChat>().ClaimAsync(app.LibrarianId, started.ConversationId);
        var page = Render<ConversationPage>(p => p.Add(c => c.Id, started.ConversationId));
        page.WaitForElement("[data-testid=composer]", Patience).Input("/jam");

        // The saved replies load beside the conversation; on a server database they may land after the composer.
        page.WaitForAssertion(() => page.FindAll("[data-testid=canned-suggestion]").Should().NotBeEmpty(), Patience);

        await page.Instance.SubmitFromKeyboard("/jam");

        page.WaitForAssertion(() => page.FindAll("[data-testid=canned-suggestion]").Should().BeEmpty(), Patience);
        page.Find("[data-testid=composer]").GetAttribute("value").Should().StartWith("Layanan Tanya Pustakawan buka Senin–Jumat");
        page.FindAll("[data-testid=transcript-line]").Should().HaveCount(1, "a shortcut is never sent as it is");
    }

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    private static IEnumerable<string> Texts(IRenderedComponent<ConversationPage> page) =>
        page.FindAll("[data-testid=transcript-line] .desk-line-text").Select(line => line.TextContent);

    [Theory]
    [InlineData("id", "Tulis balasan… (balasan pertama mengambil percakapan)", "Tulis balasan…")]
    [InlineData("en", "Write a reply… (the first reply takes the conversation)", "Write a reply…")]
    public async Task The_composer_says_the_first_reply_takes_the_conversation_only_while_it_waits(string language, string waiting, string mine)
    {
        UseLanguage(language);
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        var page = Render<ConversationPage>(p => p.Add(c => c.Id, started.ConversationId));
        page.WaitForAssertion(() => page.Find("textarea.desk-composer").GetAttribute("placeholder").Should().Be(waiting), Patience);

        await app.Service<LibrarianChat>().ReplyAsync(app.LibrarianId, started.ConversationId, "Halo, saya Sari.");

        page.WaitForAssertion(() => page.Find("textarea.desk-composer").GetAttribute("placeholder").Should().Be(mine), Patience);
    }

    [Fact]
    public async Task Lines_committed_while_their_events_went_elsewhere_are_read_and_shown_in_order_with_the_next_message()
    {
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        var chat = app.Service<LibrarianChat>();
        await chat.ReplyAsync(app.LibrarianId, started.ConversationId, "Halo, saya Sari.");
        var page = Render<ConversationPage>(p => p.Add(c => c.Id, started.ConversationId));
        page.WaitForAssertion(() => Texts(page).Should().HaveCount(2), Patience);

        await patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
            new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), "Saya cari <i>peta</i> Batavia."));
        page.WaitForAssertion(() => Texts(page).Should().HaveCount(3), Patience);

        // A message whose event this page never got: committed straight to the database, as another server would.
        await using (var db = app.CreateDbContext())
        {
            var conversation = await db.Conversations.SingleAsync(c => c.Id == started.ConversationId, Cancel);
            conversation.Append(MessageAuthor.Patron, null, "Tahun 1740-an.", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(Cancel);
        }

        await patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
            new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), "Ada?"));

        page.WaitForAssertion(() => Texts(page).Should().Equal(
            started.FirstMessage.Text, "Halo, saya Sari.", "Saya cari <i>peta</i> Batavia.", "Tahun 1740-an.", "Ada?"), Patience);
        page.FindAll("[data-testid=transcript-line] i").Should().BeEmpty("a patron's markup is shown as text");
    }
}
