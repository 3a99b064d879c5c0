using System.Collections.Concurrent;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Features.Analytics;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LibrarianDesk.Tests.Browser;

/// <summary>The real desk with demo data in Chromium under its content security policy: everything works and nothing is refused.</summary>
public sealed class SecurityHeadersBrowserTests(DemoDeskApp app, Chromium chromium) : IClassFixture<DemoDeskApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task The_desk_signs_in_and_shows_its_busiest_pages_and_a_dialog_without_a_single_policy_violation()
    {
        await StaffAccounts.CreateAsync(app, "csp@test.local", [DeskRoles.Librarian, DeskRoles.Supervisor, DeskRoles.ItAdmin], "Rina Kepala");
        var (page, problems) = await WatchedPageAsync();

        await DeskPages.SignInAsync(page, "csp@test.local", DeskApp.StaffPassword);
        (await page.TextContentAsync("h1")).Should().Be("Meja layanan");

        await page.ClickAsync("[data-testid=nav-analytics]");
        await page.WaitForSelectorAsync("[data-testid=analytics-kpis]");
        await page.WaitForSelectorAsync("[data-testid=chart-days] svg");
        await DeskPages.ScreenshotAsync(page, "csp-analytics");

        await page.ClickAsync("[data-testid=nav-accounts]");
        await page.WaitForSelectorAsync("[data-testid=accounts-table]");
        await page.ClickAsync("[data-testid=account-create]");
        await page.WaitForSelectorAsync("[data-testid=account-dialog]");
        await page.FillAsync("[data-testid=account-email]", "not-an-email");
        await page.ClickAsync("[data-testid=account-save]");

        // Answered over the circuit: its same-origin WebSocket works under connect-src 'self'.
        await page.WaitForSelectorAsync("[data-testid=account-error]");
        await DeskPages.ScreenshotAsync(page, "csp-accounts-dialog");
        problems.Should().BeEmpty();
    }

    [Fact]
    public async Task The_demo_page_runs_its_widget_under_the_desks_policy()
    {
        var (page, problems) = await WatchedPageAsync();

        await page.GotoAsync("/demo");
        await page.ClickAsync("[data-testid=ld-launcher]");
        await page.Locator("[data-testid=ld-status]").WaitForAsync();
        await DeskPages.ScreenshotAsync(page, "csp-demo-widget");
        problems.Should().BeEmpty();
    }

    /// <summary>A page that records every refused resource and every console error or uncaught exception.</summary>
    private async Task<(IPage Page, ConcurrentQueue<string> Problems)> WatchedPageAsync()
    {
        var page = await chromium.NewPageAsync(app.BaseAddress);
        var problems = new ConcurrentQueue<string>();

        // Both run outside the page's policy (DevTools protocol), on every document of the session.
        await page.ExposeFunctionAsync("reportPolicyViolation", (string violation) => problems.Enqueue("violation: " + violation));
        await page.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
                window.reportPolicyViolation(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));
            """);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Enqueue("console: " + message.Text);
            }
        };
        page.PageError += (_, error) => problems.Enqueue("error: " + error);
        return (page, problems);
    }
}
