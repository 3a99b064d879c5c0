using LibrarianDesk.Tests.Infrastructure;
using Bunit;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Shared.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Features.OfflineMessages;

public sealed class OfflinePagesTests : LiveDeskComponentTest, IClassFixture<OfflineDeskApp>
{
    private readonly OfflineDeskApp app;

    public OfflinePagesTests(OfflineDeskApp app)
        : base(app)
    {
        this.app = app;
        Services.AddSingleton(app.Service<OfflineMessageService>());
        SignInAsAccount(app.Librarian.Id!, app.Librarian.Name, DeskRoles.Librarian);
    }

    [Fact]
    public async Task The_inbox_lists_new_messages_and_the_replied_filter_hides_them()
    {
        var email = OfflineDesk.UniqueEmail("daftar");
        var id = await OfflineDesk.LeaveMessageAsync(app, email, "Bagaimana cara menjadi anggota?", "Rina Marlina", memberNumber: "5550001");

        var page = Render<OfflineInboxPage>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=offline-row]").Should().Contain(r => r.GetAttribute("data-id") == id.ToString()));
        var row = page.FindAll("[data-testid=offline-row]").Single(r => r.GetAttribute("data-id") == id.ToString()).ParentElement!;
        row.TextContent.Should().Contain("Rina Marlina").And.Contain(email).And.Contain("5550001").And.Contain("WIB").And.Contain("Baru");

        page.Find("[data-testid=offline-filter-replied]").Click();
        page.WaitForAssertion(() => page.FindAll("[data-testid=offline-row]").Should().NotContain(r => r.GetAttribute("data-id") == id.ToString()));
    }

    [Fact]
    public async Task The_reply_form_refuses_an_empty_or_too_long_reply_and_shows_a_sent_reply_in_the_thread()
    {
        var id = await OfflineDesk.LeaveMessageAsync(app, OfflineDesk.UniqueEmail("formulir"), "Apakah ada koleksi majalah lama?");
        var page = Render<OfflineThreadPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => page.Find("[data-testid=offline-message-text]").TextContent.Should().Contain("majalah lama"));

        page.Find("[data-testid=offline-reply-send]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=offline-error]").TextContent.Should().Contain("Tulis balasan terlebih dahulu."));

        page.Find("textarea").Input(new string('x', 4001));
        page.Find("[data-testid=offline-reply-send]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=offline-error]").TextContent.Should().Contain("4000"));
        page.FindAll("[data-testid=offline-reply]").Should().BeEmpty();

        page.Find("textarea").Input("Ada, di lantai 21.");
        page.Find("[data-testid=offline-reply-send]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=offline-reply]").TextContent.Should().Contain("Ada, di lantai 21.").And.Contain(app.Librarian.Name));
        page.FindAll("[data-testid=offline-error]").Should().BeEmpty();
        page.Find("[data-testid=offline-status]").GetAttribute("data-status").Should().Be("Replied");
    }
}
