using Bunit;
using LibrarianDesk.Features.Analytics;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Analytics;

public sealed class AnalyticsDashboardTests : DeskComponentTest
{
    private static readonly AnalyticsQuery Week = new(new DateOnly(2026, 6, 8), new DateOnly(2026, 6, 14));

    private static AnalyticsReport Busy() => new(
        Week,
        new KpiSet(120, 100, 12, 7, 42, 150.5, 45, 420, 4.5, 60, 48, Unclassified: 9),
        new KpiSet(100, 90, 10, 0, 50, 160, 50, 400, 4.4, 55, 35, Unclassified: 12),
        Enumerable.Range(0, 7).Select(i => new DayVolume(Week.From.AddDays(i), 20, 17, 2)).ToList(),
        Enum.GetValues<DayOfWeek>().SelectMany(d => Enumerable.Range(0, 24).Select(h => new HeatCell(d, h, h is >= 9 and < 19 && d != DayOfWeek.Sunday ? h : 0))).ToList(),
        [new QuestionTypeCount(3, "ISBN", "ISBN", 70), new QuestionTypeCount(1, "Katalog (OPAC)", "Catalogue (OPAC)", 50)],
        Enumerable.Range(1, 6).Select(v => new ValueCount(v, 7 - v)).ToList(),
        Enumerable.Range(0, 5).Select(v => new ValueCount(v, 10 * (5 - v))).ToList(),
        Enumerable.Range(1, 5).Select(v => new ValueCount(v, v * 3)).ToList(),
        [new LibrarianPerformance("a", "Sari Wulandari", 70, 65, 40, 400, 4.6, 30, 36_000)]);

    private static AnalyticsReport Empty() => new(
        Week, KpiSet.Empty, KpiSet.Empty,
        Enumerable.Range(0, 7).Select(i => new DayVolume(Week.From.AddDays(i), 0, 0, 0)).ToList(),
        Enum.GetValues<DayOfWeek>().SelectMany(d => Enumerable.Range(0, 24).Select(h => new HeatCell(d, h, 0))).ToList(),
        [],
        Enumerable.Range(1, 6).Select(v => new ValueCount(v, 0)).ToList(),
        Enumerable.Range(0, 5).Select(v => new ValueCount(v, 0)).ToList(),
        Enumerable.Range(1, 5).Select(v => new ValueCount(v, 0)).ToList(),
        []);

    [Fact]
    public void Kpi_cards_show_the_numbers_in_indonesian_with_their_change()
    {
        var page = Render<AnalyticsDashboard>(p => p.Add(c => c.Report, Busy()));

        page.Find("[data-testid=kpi-conversations]").TextContent.Should().Contain("Percakapan").And.Contain("120").And.Contain("+20,0% dari periode sebelumnya");
        page.Find("[data-testid=kpi-missed]").TextContent.Should().Contain("12").And.Contain("10,0% dari semua percakapan");
        page.Find("[data-testid=kpi-unclassified]").TextContent.Should().Contain("Belum diklasifikasi").And.Contain("9").And.Contain("Tidak masuk grafik READ dan jenis pertanyaan");
        page.Find("[data-testid=kpi-wait]").TextContent.Should().Contain("42 dtk");
        page.Find("[data-testid=kpi-wait-p90]").TextContent.Should().Contain("2 mnt 31 dtk");
        page.Find("[data-testid=kpi-duration]").TextContent.Should().Contain("7 mnt 00 dtk");
        page.Find("[data-testid=kpi-rating]").TextContent.Should().Contain("4,50").And.Contain("dari 60 penilaian");
        page.Find("[data-testid=kpi-members]").TextContent.Should().Contain("40,0%").And.Contain("+5,0 poin dari periode sebelumnya");
        page.Find("[data-testid=kpi-offline-change]").TextContent.Should().Be("Tidak ada pembanding", "the week before had no offline message");
        page.Find("[data-testid=kpi-wait-change]").ClassList.Should().Contain("analytics-better", "a shorter wait is better");
    }

    [Fact]
    public void Every_chart_and_table_renders_with_its_csv_download()
    {
        var page = Render<AnalyticsDashboard>(p => p.Add(c => c.Report, Busy()));

        foreach (var chart in new[] { "chart-days", "chart-ratings", "chart-wait-times", "chart-read-scale" })
        {
            page.Find($"[data-testid={chart}] svg").Should().NotBeNull(chart);
        }

        page.FindAll("[data-testid=heat-map] tbody tr").Should().HaveCount(7);
        page.Find("[data-testid=heat-map] tbody tr th").TextContent.Should().Be("Sen", "the week starts on Monday");
        page.FindAll("[data-testid=question-types] tr")[0].TextContent.Should().Contain("ISBN").And.Contain("70");
        page.Find("[data-testid=librarians] tbody").TextContent.Should().Contain("Sari Wulandari").And.Contain("10,0 jam");
        foreach (var part in AnalyticsCsv.Parts.Where(p => p != "kpis"))
        {
            page.Find($"[data-testid=export-{part}]").GetAttribute("href").Should().StartWith($"analytics/{part}.csv?from=2026-06-08&to=2026-06-14");
        }
    }

    [Fact]
    public void An_empty_period_shows_zeros_dashes_and_says_what_will_appear()
    {
        var page = Render<AnalyticsDashboard>(p => p.Add(c => c.Report, Empty()));

        page.Find("[data-testid=kpi-conversations]").TextContent.Should().Contain("0").And.Contain("Tidak ada pembanding");
        page.Find("[data-testid=kpi-wait]").TextContent.Should().Contain("—");
        foreach (var part in new[] { "days", "ratings", "heat-map", "question-types", "wait-times", "read-scale", "librarians" })
        {
            page.Find($"[data-testid=empty-{part}]").TextContent.Should().Contain("Belum ada data");
        }

        page.FindAll(".mud-chart").Should().BeEmpty("no chart is drawn without data");
    }

    [Fact]
    public void In_english_the_numbers_use_english_conventions()
    {
        UseLanguage("en");
        var page = Render<AnalyticsDashboard>(p => p.Add(c => c.Report, Busy()));

        page.Find("[data-testid=kpi-rating]").TextContent.Should().Contain("4.50").And.Contain("from 60 ratings");
        page.Find("[data-testid=kpi-wait-p90]").TextContent.Should().Contain("2 min 31 s");
    }
}
