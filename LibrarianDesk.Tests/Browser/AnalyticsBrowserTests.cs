using LibrarianDesk.Tests.Features.Analytics;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Browser;

/// <summary>A supervisor opens the analytics page on the demo data, in Indonesian, then in English.</summary>
public sealed class AnalyticsBrowserTests(DemoDeskApp app, Chromium chromium) : IClassFixture<DemoDeskApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task A_supervisor_sees_the_last_30_days_of_the_demo_at_a_glance()
    {
        var page = await chromium.NewPageAsync(app.BaseAddress);
        await DeskPages.SignInAsync(page, DemoDeskApp.SupervisorEmail, DemoDeskApp.DemoPassword);

        await page.ClickAsync("[data-testid=nav-analytics]");
        await page.Locator("[data-testid=chart-days]").WaitForAsync();
        (await page.TextContentAsync("h1")).Should().Be("Analitik");
        (await page.TextContentAsync("[data-testid=kpi-conversations]")).Should().Contain("Percakapan").And.MatchRegex(@"\d");
        (await page.Locator("[data-testid=question-types] tr").CountAsync()).Should().BeGreaterThan(3);
        (await page.Locator("[data-testid=librarians] tbody tr").CountAsync()).Should().Be(5);
        (await page.TextContentAsync("[data-testid=analytics-period]")).Should().Contain("WIB");
        await page.Locator("[data-testid=chart-wait-times] text", new() { HasText = "< 30 dtk" }).WaitForAsync();
        await DeskPages.ScreenshotAsync(page, "analytics-id");

        await page.GotoAsync("/culture/en?returnUrl=/analytics");
        await page.Locator("[data-testid=chart-days]").WaitForAsync();
        (await page.TextContentAsync("h1")).Should().Be("Analytics");
        await DeskPages.ScreenshotAsync(page, "analytics-en");
    }
}
