using Bunit;
using LibrarianDesk.Features.Visitors;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Visitors;

/// <summary>The live Visitors page against a running desk: real widgets and the app's own visitor service.</summary>
public sealed class VisitorsPageTests(VisitorDeskApp app) : VisitorsPageTest(app), IClassFixture<VisitorDeskApp>
{
    private static string Count(IRenderedComponent<VisitorsPage> page, string card) =>
        page.Find($"[data-testid={card}] [data-testid=count-value]").TextContent.Trim();

    [Fact]
    public async Task The_page_starts_empty_then_shows_arrivals_page_changes_and_departures_as_they_happen()
    {
        var page = Render<VisitorsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=visitors-page]").GetAttribute("data-live").Should().Be("true"), Patience);
        page.Find("[data-testid=visitors-empty]").TextContent.Should().Contain("Belum ada pengunjung di situs");
        Count(page, "visitors-count-now").Should().Be("0");

        var patron = await Desk.VisitAsync("page-test", "https://library.test/koleksi/peta", "Koleksi Peta", referrer: "https://www.google.com/",
            userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        page.WaitForAssertion(() => page.FindAll("[data-testid=visitor-row]").Should().ContainSingle(), Patience);
        var row = page.Find("[data-testid=visitor-row][data-visitor-id=page-test]");
        row.QuerySelector("[data-testid=visitor-page-title]")!.TextContent.Trim().Should().Be("Koleksi Peta");
        row.QuerySelector("[data-testid=visitor-page-url]")!.TextContent.Trim().Should().Be("https://library.test/koleksi/peta");
        row.QuerySelector("[data-testid=visitor-state]")!.TextContent.Trim().Should().Be("Menjelajah");
        row.QuerySelector("[data-testid=visitor-ip]")!.TextContent.Trim().Should().Be("127.0.0.0/24");
        row.TextContent.Should().Contain("www.google.com").And.Contain("Firefox").And.Contain("Linux").And.Contain("Baru");
        Count(page, "visitors-count-now").Should().Be("1");

        await patron.InvokeAsync(LibrarianDesk.Shared.Contracts.PatronHubContract.Methods.PageChanged,
            new LibrarianDesk.Shared.Contracts.PageView("https://library.test/opac", "OPAC"));
        page.WaitForAssertion(() => page.Find("[data-testid=visitor-page-title]").TextContent.Trim().Should().Be("OPAC"), Patience);
        page.Find("[data-testid=visitor-pages]").TextContent.Trim().Should().Be("2");

        await patron.DisposeAsync();
        await Eventually.TrueAsync(() => Desk.Service<VisitorDirectory>().Find("page-test")?.OpenTabs == 0, "the desk saw the tab close");
        Desk.Advance(VisitorDeskApp.Grace + TimeSpan.FromSeconds(1));
        page.WaitForAssertion(() => page.FindAll("[data-testid=visitor-row]").Should().BeEmpty(), Patience);
        Count(page, "visitors-count-now").Should().Be("0");
    }
}
