using Bunit;
using LibrarianDesk.Features.Visitors;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Visitors;

/// <summary>The Visitors page when a crowd arrives at once: batched renders, a virtualised list, filters.</summary>
public sealed class VisitorsPageBatchingTests(VisitorDeskApp app) : VisitorsPageTest(app), IClassFixture<VisitorDeskApp>
{
    /// <summary>The page itself, counting its own renders (bUnit's count includes every child component's).</summary>
    public sealed class CountedVisitorsPage : VisitorsPage
    {
        private int renders;

        public int Renders => Volatile.Read(ref renders);

        protected override void OnAfterRender(bool firstRender)
        {
            base.OnAfterRender(firstRender);
            Interlocked.Increment(ref renders);
        }
    }

    [Fact]
    public async Task A_thousand_arrivals_at_once_are_shown_with_a_handful_of_renders_and_filters_narrow_them()
    {
        var page = Render<CountedVisitorsPage>();
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=visitors-page]").GetAttribute("data-live").Should().Be("true"), Patience);
        var before = page.Instance.Renders;

        var visitors = Desk.Service<VisitorService>();
        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => visitors.ArriveAsync($"burst-connection-{i}", new VisitorArrival(
            $"burst-{i:0000}", $"https://library.test/{(i % 4 == 0 ? "opac" : "beranda")}/{i}", $"Halaman {i}", null, "id", null, "10.0.0.1"))));

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=visitors-count-now] [data-testid=count-value]").TextContent.Trim().Should().Be("1000"), Patience);
        await page.WaitForAssertionAsync(() => page.FindAll("[data-testid=visitor-row]").Should().NotBeEmpty(), Patience);
        page.FindAll("[data-testid=visitor-row]").Count.Should().BeLessThanOrEqualTo(100 + (2 * 8), "the list is virtualised: a window of at most 100 rows and the overscan, never all thousand");
        (page.Instance.Renders - before).Should().BeInRange(1, 5, "a thousand events at once are batched into a few renders");

        page.Find("input[data-testid=visitors-filter-page], [data-testid=visitors-filter-page] input").Input("opac");
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=visitors-shown]").TextContent.Trim().Should().Be("250 ditampilkan"), Patience);
        page.FindAll("[data-testid=visitor-row]").Should().AllSatisfy(r => r.QuerySelector("[data-testid=visitor-page-url]")!.TextContent.Should().Contain("/opac/"));
    }
}
