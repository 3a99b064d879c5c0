using LibrarianDesk.Data;
using LibrarianDesk.Features.Analytics;
using LibrarianDesk.Features.IpBlocks;
using LibrarianDesk.Features.Members;
using LibrarianDesk.Features.Scheduling;
using LibrarianDesk.Shared.Blocking;
using LibrarianDesk.Shared.Members;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Tests.Features.Members;

namespace LibrarianDesk.Tests.Data;

/// <summary>
/// Every CSV the desk writes is safe to open in a spreadsheet (a cell that would start a formula
/// starts with a quote instead), and the desk's own importers read the original text back.
/// </summary>
public sealed class CsvInjectionTests
{
    public static TheoryData<string> Formulas => ["=1+1", "+1", "-1+1", "@SUM(1)", "\t=1", "\r=1", "=HYPERLINK(\"http://x.test\",\"klik\")"];

    /// <summary>Values that must come back exactly: formulas, phones, and names that begin with a quote of their own.</summary>
    public static TheoryData<string> Names =>
        ["=1+1", "+1", "-1+1", "@SUM(1)", "\t=1", "\r=1", "=HYPERLINK(\"http://x.test\",\"klik\")", "'Abdullah", "'=1+1", "''=1", "'", "Siti 'Ani' Rahma", "Budi"];

    [Theory]
    [MemberData(nameof(Formulas))]
    public void The_member_export_writes_a_formula_as_text(string formula)
    {
        var csv = MemberCsv.Write([NewMember("PN1", formula, "+6281234567890")]);

        Cells(csv).Should().Contain("'" + formula).And.NotContain(formula);
    }

    [Theory]
    [MemberData(nameof(Formulas))]
    public void The_holiday_export_writes_a_formula_as_text(string formula)
    {
        var csv = HolidayCsv.Write([new Holiday { Date = new DateOnly(2026, 8, 17), Name = formula }]);

        Cells(csv).Should().Contain("'" + formula).And.NotContain(formula);
    }

    [Theory]
    [MemberData(nameof(Formulas))]
    public void The_ip_block_export_writes_a_formula_as_text(string formula)
    {
        var csv = IpBlockCsv.Write([new IpBlock { Range = "203.0.113.7", Reason = formula, CreatedBy = formula, CreatedAt = DateTimeOffset.UnixEpoch }]);

        Cells(csv).Should().Contain("'" + formula).And.NotContain(formula);
    }

    [Theory]
    [MemberData(nameof(Formulas))]
    public void The_analytics_exports_write_a_formula_as_text(string formula)
    {
        var report = new AnalyticsReport(
            new AnalyticsQuery(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 7)), KpiSet.Empty, KpiSet.Empty, [], [],
            [new QuestionTypeCount(1, formula, formula, 3)], [], [], [],
            [new LibrarianPerformance("id", formula, 3, 2, 10, 60, 4.5, 2, 3600)]);

        Cells(AnalyticsCsv.Write(report, "question-types")).Should().Contain("'" + formula).And.NotContain(formula);
        Cells(AnalyticsCsv.Write(report, "librarians")).Should().Contain("'" + formula).And.NotContain(formula);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_member_comes_back_from_its_own_export_exactly(string name)
    {
        var result = MemberCsv.Read(new StringReader(MemberCsv.Write([NewMember("PN1", name, "+6281234567890")])));

        result.Errors.Should().BeEmpty();
        result.Rows.Single().FullName.Should().Be(name);
        result.Rows.Single().Phone.Should().Be("+6281234567890");
    }

    [Fact]
    public void A_phone_with_a_plus_is_written_as_text_and_imported_back_as_the_same_number()
    {
        var csv = MemberCsv.Write([NewMember("PN1", "Dewi Lestari", "+6285711112222")]);
        Cells(csv).Should().Contain("'+6285711112222");

        var result = MemberCsv.Read(new StringReader(csv));
        result.Errors.Should().BeEmpty();
        result.Rows.Single().Phone.Should().Be("+6285711112222");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_holiday_comes_back_from_its_own_export_exactly(string name)
    {
        var result = HolidayCsv.Read(new StringReader(HolidayCsv.Write([new Holiday { Date = new DateOnly(2026, 8, 17), Name = name }])));

        result.Errors.Should().BeEmpty();
        result.Rows.Single().Name.Should().Be(name);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void An_ip_block_comes_back_from_its_own_export_exactly(string reason)
    {
        var result = IpBlockCsv.Read(new StringReader(IpBlockCsv.Write([new IpBlock { Range = "203.0.113.7", Reason = reason, CreatedBy = reason, CreatedAt = DateTimeOffset.UnixEpoch }])));

        result.Errors.Should().BeEmpty();
        result.Rows.Single().Reason.Should().Be(reason);
        result.Rows.Single().CreatedBy.Should().Be(reason);
    }

    [Fact]
    public void A_name_from_another_system_that_begins_with_a_quote_keeps_it()
    {
        var result = MemberCsv.Read(new StringReader($"""
            {MemberFiles.Header}
            PN1,'Abdullah,,'+62 857 1111 2222,1990-08-17,,,,2030-01-01
            """));

        result.Errors.Should().BeEmpty();
        result.Rows.Single().FullName.Should().Be("'Abdullah");
        result.Rows.Single().Phone.Should().Be("+6285711112222");
    }

    [Theory]
    [InlineData("'=1", "=1")]
    [InlineData("''x", "'x")]
    [InlineData("'x", "'x")]
    [InlineData("'", "'")]
    [InlineData("x'=1", "x'=1")]
    [InlineData("", "")]
    public void Reading_strips_exactly_the_one_quote_the_writer_adds(string cell, string value) =>
        CsvFiles.Unescape(cell).Should().Be(value);

    private static Member NewMember(string number, string name, string? phone) => new()
    {
        MemberNumber = number,
        FullName = name,
        Phone = phone,
        BirthDate = new DateOnly(1990, 8, 17),
        RegisteredOn = new DateOnly(2024, 1, 10),
        ExpiresOn = new DateOnly(2030, 1, 10),
    };

    /// <summary>Every cell of every row after the header, as a spreadsheet would receive it.</summary>
    private static List<string> Cells(string csv)
    {
        using var reader = new CsvHelper.CsvReader(new StringReader(csv), System.Globalization.CultureInfo.InvariantCulture);
        var cells = new List<string>();
        reader.Read();
        while (reader.Read())
        {
            cells.AddRange(reader.Parser.Record!);
        }

        return cells;
    }
}
