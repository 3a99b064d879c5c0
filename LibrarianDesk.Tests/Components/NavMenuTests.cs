using Bunit;
using LibrarianDesk.Components.Layout;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Components;

public sealed class NavMenuTests : DeskComponentTest
{
    private string[] VisibleLinks()
    {
        var menu = Render<NavMenu>();
        return menu.FindAll("[data-testid^=nav-]").Select(e => e.GetAttribute("data-testid")!).Where(id => id != "nav-menu").ToArray();
    }

    [Fact]
    public void A_librarian_sees_only_the_desk_pages_with_the_queue_first()
    {
        SignInAs("Sari", DeskRoles.Librarian);
        var links = VisibleLinks();
        links.Should().BeEquivalentTo("nav-queue", "nav-visitors", "nav-members", "nav-offline", "nav-dashboard", "nav-canned", "nav-history");
        links.First().Should().Be("nav-queue", "the queue is a librarian's home screen");
    }

    [Fact]
    public void A_supervisor_also_sees_analytics_service_hours_and_the_audit_log()
    {
        SignInAs("Hendra", DeskRoles.Librarian, DeskRoles.Supervisor);
        VisibleLinks().Should().BeEquivalentTo("nav-queue", "nav-visitors", "nav-members", "nav-offline", "nav-dashboard", "nav-canned", "nav-history", "nav-analytics", "nav-service-hours", "nav-faq", "nav-greeting-triggers", "nav-mail-templates", "nav-privacy", "nav-failed-deliveries", "nav-ip-blocks", "nav-audit");
    }

    [Fact]
    public void A_supervisor_without_the_librarian_role_finds_the_member_page_for_the_CSV_import_and_export()
    {
        SignInAs("Hendra", DeskRoles.Supervisor);
        VisibleLinks().Should().BeEquivalentTo("nav-dashboard", "nav-canned", "nav-history", "nav-members", "nav-analytics", "nav-service-hours", "nav-faq", "nav-greeting-triggers", "nav-mail-templates", "nav-privacy", "nav-failed-deliveries", "nav-ip-blocks", "nav-audit");
    }

    [Fact]
    public void An_IT_admin_sees_accounts_and_the_audit_log_but_not_service_hours_nor_the_queue()
    {
        SignInAs("Agus", DeskRoles.ItAdmin);
        VisibleLinks().Should().BeEquivalentTo("nav-dashboard", "nav-failed-deliveries", "nav-ip-blocks", "nav-audit", "nav-accounts");
    }

    [Fact]
    public void An_account_with_every_role_sees_every_page()
    {
        SignInAs("Admin", DeskRoles.All.ToArray());
        VisibleLinks().Should().BeEquivalentTo("nav-queue", "nav-visitors", "nav-members", "nav-offline", "nav-dashboard", "nav-canned", "nav-history", "nav-analytics", "nav-service-hours", "nav-faq", "nav-greeting-triggers", "nav-mail-templates", "nav-privacy", "nav-failed-deliveries", "nav-ip-blocks", "nav-audit", "nav-accounts");
    }

    [Fact]
    public void The_menu_speaks_Indonesian_by_default_and_English_when_chosen()
    {
        SignInAs("Admin", DeskRoles.All.ToArray());
        var indonesian = Render<NavMenu>();
        indonesian.Find("[data-testid=nav-queue]").TextContent.Trim().Should().Be("Antrean");
        indonesian.Find("[data-testid=nav-dashboard]").TextContent.Trim().Should().Be("Beranda");
        indonesian.Find("[data-testid=nav-service-hours]").TextContent.Trim().Should().Be("Jam Layanan");
        indonesian.Find("[data-testid=nav-accounts]").TextContent.Trim().Should().Be("Akun");
        indonesian.Find("[data-testid=nav-offline]").TextContent.Trim().Should().Be("Pesan Luring");
        indonesian.Find("[data-testid=nav-visitors]").TextContent.Trim().Should().Be("Pengunjung");

        UseLanguage("en");
        var english = Render<NavMenu>();
        english.Find("[data-testid=nav-queue]").TextContent.Trim().Should().Be("Queue");
        english.Find("[data-testid=nav-dashboard]").TextContent.Trim().Should().Be("Dashboard");
        english.Find("[data-testid=nav-service-hours]").TextContent.Trim().Should().Be("Service hours");
        english.Find("[data-testid=nav-accounts]").TextContent.Trim().Should().Be("Accounts");
        english.Find("[data-testid=nav-offline]").TextContent.Trim().Should().Be("Offline messages");
        english.Find("[data-testid=nav-visitors]").TextContent.Trim().Should().Be("Visitors");
    }
}
