using LibrarianDesk.Features.Mail;
using LibrarianDesk.Tests.Infrastructure;
using Bunit;
using LibrarianDesk.Features.OfflineMessages;
using LibrarianDesk.Shared.Staff;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Tests.Features.OfflineMessages;

public sealed class OfflinePagesTests : LiveDeskComponentTest, IClassFixture<OfflineDeskOnAClock>
{
    private readonly OfflineDeskOnAClock app;

    public OfflinePagesTests(OfflineDeskOnAClock app)
        : base(app)
    {
        this.app = app;
        Services.AddSingleton(app.Service<OfflineMessageService>());
        Services.AddSingleton(app.Service<MailTemplateStore>());
        Services.AddSingleton(app.Service<IOptionsMonitor<OfflineInboxOptions>>());
        SignInAsAccount(app.Librarian.Id!, app.Librarian.Name, DeskRoles.Librarian);
    }

    private static IElement RowOf(IRenderedComponent<OfflineInboxPage> page, Guid id) =>
        page.FindAll("[data-testid=offline-row]").Single(r => r.GetAttribute("data-id") == id.ToString()).ParentElement!;

    private static bool Lists(IRenderedComponent<OfflineInboxPage> page, Guid id) =>
        page.FindAll("[data-testid=offline-row]").Any(r => r.GetAttribute("data-id") == id.ToString());

    [Fact]
    public async Task The_inbox_shows_the_working_age_highlights_overdue_messages_and_filters_mine_and_unassigned()
    {
        app.SetWib(12, 6, 11);
        var old = await OfflineDesk.LeaveMessageAsync(app, OfflineDesk.UniqueEmail("lama"), "Pertanyaan hari Minggu", "Ahmad Fauzi");
        app.SetWib(12, 9, 12);
        var fresh = await OfflineDesk.LeaveMessageAsync(app, OfflineDesk.UniqueEmail("baru"), "Pertanyaan hari Rabu", "Lina Marlina");
        app.SetWib(12, 9, 13, 30);

        var page = Render<OfflineInboxPage>();
        page.WaitForAssertion(() => Lists(page, fresh).Should().BeTrue());
        RowOf(page, old).QuerySelector("[data-testid=offline-age]")!.TextContent.Should().Contain("24 jam").And.Contain("Lewat target");
        RowOf(page, old).GetAttribute("style").Should().Contain("error");
        RowOf(page, fresh).QuerySelector("[data-testid=offline-age]")!.TextContent.Should().Contain("1 jam").And.NotContain("Lewat target");
        RowOf(page, fresh).GetAttribute("style").Should().BeNullOrEmpty();
        page.Find("[data-testid=offline-help]").TextContent.Should().Contain("24 jam kerja");

        RowOf(page, fresh).QuerySelector("[data-testid=offline-take]")!.Click();
        page.WaitForAssertion(() => RowOf(page, fresh).QuerySelector("[data-testid=offline-assignee]")!.TextContent.Should().Be("Sari Wulandari"));

        page.Find("[data-testid=offline-assignee-mine]").Click();
        page.WaitForAssertion(() => Lists(page, old).Should().BeFalse());
        Lists(page, fresh).Should().BeTrue();
        page.Find("[data-testid=offline-assignee-unassigned]").Click();
        page.WaitForAssertion(() => Lists(page, fresh).Should().BeFalse());
        Lists(page, old).Should().BeTrue();
    }

    [Fact]
    public async Task A_supervisor_assigns_a_message_to_a_colleague_from_the_inbox_and_sorts_by_age()
    {
        SignInAsAccount(app.Supervisor.Id!, app.Supervisor.Name, DeskRoles.Librarian, DeskRoles.Supervisor);
        app.SetWib(12, 7, 9);
        var older = await OfflineDesk.LeaveMessageAsync(app, OfflineDesk.UniqueEmail("urut1"), "Pertanyaan pertama");
        app.SetWib(12, 7, 15);
        var newer = await OfflineDesk.LeaveMessageAsync(app, OfflineDesk.UniqueEmail("urut2"), "Pertanyaan kedua");
        app.SetWib(12, 7, 16);

        var popovers = Render<MudBlazor.MudPopoverProvider>();
        var page = Render<OfflineInboxPage>();
        page.WaitForAssertion(() => Lists(page, newer).Should().BeTrue());
        page.Find("[data-testid=offline-sort-age]").Click();
        page.WaitForAssertion(() => Order(page).IndexOf(newer).Should().BeLessThan(Order(page).IndexOf(older), "ascending age: the newer message first"));
        page.Find("[data-testid=offline-sort-age]").Click();
        page.WaitForAssertion(() => Order(page).IndexOf(older).Should().BeLessThan(Order(page).IndexOf(newer)));

        RowOf(page, older).QuerySelector("[data-testid=offline-assign-menu] button")!.Click();
        popovers.WaitForElement($"[data-testid=offline-assign-to][data-id='{app.Colleague.Id}']").Click();
        page.WaitForAssertion(() => RowOf(page, older).QuerySelector("[data-testid=offline-assignee]")!.TextContent.Should().Be("Dewi Lestari"));
    }

    private static List<Guid> Order(IRenderedComponent<OfflineInboxPage> page) =>
        page.FindAll("[data-testid=offline-row]").Select(r => Guid.Parse(r.GetAttribute("data-id")!)).ToList();

    [Fact]
    public async Task A_librarian_sees_a_colleagues_message_as_theirs_and_cannot_take_it()
    {
        var id = await OfflineDesk.LeaveMessageAsync(app, OfflineDesk.UniqueEmail("kolega"), "Pertanyaan untuk Dewi");
        (await app.Service<OfflineMessageService>().AssignAsync(app.Colleague, false, id, app.Colleague.Id)).Should().BeEmpty();

        var page = Render<OfflineThreadPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => page.Find("[data-testid=offline-assignee]").TextContent.Should().Be("Dewi Lestari"));
        page.FindAll("[data-testid=offline-take]").Should().BeEmpty();
        page.FindAll("[data-testid=offline-unassign]").Should().BeEmpty();
        page.FindAll("[data-testid=offline-assign-menu]").Should().BeEmpty("only a supervisor assigns others");
        page.Find("[data-testid=offline-due]").TextContent.Should().Contain("Batas balasan").And.Contain("WIB");
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
        WaitUntilIdle(page);

        page.Find("textarea").Input(new string('x', 4001));
        page.Find("[data-testid=offline-reply-send]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=offline-error]").TextContent.Should().Contain("4000"));
        page.FindAll("[data-testid=offline-reply]").Should().BeEmpty();
        WaitUntilIdle(page);

        page.Find("textarea").Input("Ada, di lantai 21.");
        page.Find("[data-testid=offline-reply-send]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=offline-reply]").TextContent.Should().Contain("Ada, di lantai 21.").And.Contain(app.Librarian.Name));
        page.FindAll("[data-testid=offline-error]").Should().BeEmpty();
        page.Find("[data-testid=offline-status]").GetAttribute("data-status").Should().Be("Replied");
    }

    /// <summary>The page has finished its last send (it reloads the thread after each): the form takes input again.</summary>
    private static void WaitUntilIdle(IRenderedComponent<OfflineThreadPage> page) =>
        page.WaitForAssertion(() => page.Find("[data-testid=offline-reply-send]").HasAttribute("disabled").Should().BeFalse());
}
