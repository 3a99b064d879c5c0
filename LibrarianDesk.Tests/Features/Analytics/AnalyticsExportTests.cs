using System.Net;
using LibrarianDesk.Features.Analytics;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Analytics;

public sealed class AnalyticsExportTests(DemoDeskApp app) : IClassFixture<DemoDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly DateOnly Today = DateOnly.FromDateTime(Wib.ToWib(DateTimeOffset.UtcNow).DateTime);

    [Fact]
    public async Task A_supervisor_downloads_every_chart_and_table_as_csv_with_the_pages_numbers()
    {
        using var client = await SignIn.NewClientWithRoleAsync(app, DeskRoles.Supervisor);
        var query = new AnalyticsQuery(Today.AddDays(-6), Today);
        var report = await app.Service<AnalyticsService>().GetReportAsync(query, Cancel);

        foreach (var part in AnalyticsCsv.Parts)
        {
            var response = await client.GetAsync("/" + AnalyticsEndpoints.Url(part, query), Cancel);
            response.StatusCode.Should().Be(HttpStatusCode.OK, part);
            response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
            (await response.Content.ReadAsStringAsync(Cancel)).TrimStart('\uFEFF').Should().Be(AnalyticsCsv.Write(report, part));
        }

        var days = AnalyticsCsv.Write(report, "days").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        days[0].Trim().Should().Be("day_wib,conversations,answered,missed");
        days.Should().HaveCount(1 + 7);
    }

    [Fact]
    public async Task A_bad_period_is_refused_with_a_reason_and_a_librarian_cannot_export()
    {
        using var supervisor = await SignIn.NewClientWithRoleAsync(app, DeskRoles.Supervisor);
        var bad = await supervisor.GetAsync("/analytics/days.csv?from=2026-11-30&to=2026-11-01", Cancel);
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync(Cancel)).Should().Contain("yyyy-MM-dd");

        using var librarian = await SignIn.NewClientWithRoleAsync(app, DeskRoles.Librarian);
        (await librarian.GetAsync("/analytics/days.csv?from=2026-11-01&to=2026-11-07", Cancel)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
