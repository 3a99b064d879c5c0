using LibrarianDesk.Features.Scheduling;
using LibrarianDesk.Shared.Scheduling;

namespace LibrarianDesk.Tests.Features.Scheduling;

public sealed class HolidayCsvTests
{
    private static HolidayCsvResult Read(params string[] lines) =>
        HolidayCsv.Read(new StringReader(string.Join("\n", lines)));

    private static (DateOnly Date, string Name, HolidayKind Kind) Row(Holiday h) => (h.Date, h.Name, h.Kind);

    private static (DateOnly, string, HolidayKind) Row(int month, int day, string name, HolidayKind kind) =>
        (new DateOnly(2026, month, day), name, kind);

    [Fact]
    public void A_valid_comma_separated_file_is_read_in_full()
    {
        var result = Read(
            "date,name,kind",
            "2026-01-01,Tahun Baru 2026 Masehi,national",
            "2026-02-16,Tahun Baru Imlek 2577 Kongzili,cuti",
            "2026-08-17,Proklamasi Kemerdekaan,national");

        result.IsValid.Should().BeTrue();
        result.Errors.Should().BeEmpty();
        result.Rows.Select(Row).Should().Equal(
            Row(1, 1, "Tahun Baru 2026 Masehi", HolidayKind.NationalHoliday),
            Row(2, 16, "Tahun Baru Imlek 2577 Kongzili", HolidayKind.CollectiveLeave),
            Row(8, 17, "Proklamasi Kemerdekaan", HolidayKind.NationalHoliday));
    }

    [Fact]
    public void A_valid_semicolon_separated_file_is_read_in_full()
    {
        var result = Read(
            "date;name;kind",
            "2026-01-01;Tahun Baru 2026 Masehi;national",
            "2026-02-16;Tahun Baru Imlek 2577 Kongzili;cuti",
            "2026-08-17;Proklamasi Kemerdekaan;national");

        result.IsValid.Should().BeTrue();
        result.Rows.Select(Row).Should().Equal(
            Row(1, 1, "Tahun Baru 2026 Masehi", HolidayKind.NationalHoliday),
            Row(2, 16, "Tahun Baru Imlek 2577 Kongzili", HolidayKind.CollectiveLeave),
            Row(8, 17, "Proklamasi Kemerdekaan", HolidayKind.NationalHoliday));
    }

    [Fact]
    public void Windows_line_endings_are_read_like_unix_ones()
    {
        var result = HolidayCsv.Read(new StringReader(
            "date,name,kind\r\n2026-01-01,Tahun Baru 2026 Masehi,national\r\n2026-08-17,Proklamasi Kemerdekaan,\r\n"));

        result.IsValid.Should().BeTrue();
        result.Rows.Select(Row).Should().Equal(
            Row(1, 1, "Tahun Baru 2026 Masehi", HolidayKind.NationalHoliday),
            Row(8, 17, "Proklamasi Kemerdekaan", HolidayKind.NationalHoliday));
    }

    [Fact]
    public void Without_a_kind_column_every_row_is_a_national_holiday()
    {
        var result = Read(
            "date,name",
            "2026-01-01,Tahun Baru 2026 Masehi",
            "2026-08-17,Proklamasi Kemerdekaan");

        result.IsValid.Should().BeTrue();
        result.Rows.Select(h => h.Kind).Should().AllBeEquivalentTo(HolidayKind.NationalHoliday);
        result.Rows.Should().HaveCount(2);
    }

    [Fact]
    public void An_empty_kind_cell_means_a_national_holiday()
    {
        var result = Read(
            "date,name,kind",
            "2026-08-17,Proklamasi Kemerdekaan,");

        result.Rows.Should().ContainSingle().Which.Kind.Should().Be(HolidayKind.NationalHoliday);
    }

    [Theory]
    [InlineData("cuti")]
    [InlineData("cuti bersama")]
    [InlineData("Cuti Bersama")]
    [InlineData("CUTI")]
    [InlineData("collective")]
    [InlineData("collective leave")]
    public void Cuti_and_cuti_bersama_are_collective_leave(string kind)
    {
        var result = Read(
            "date,name,kind",
            $"2026-03-20,Idulfitri 1447 Hijriah,{kind}");

        result.IsValid.Should().BeTrue();
        result.Rows.Should().ContainSingle().Which.Kind.Should().Be(HolidayKind.CollectiveLeave);
    }

    [Theory]
    [InlineData("national")]
    [InlineData("National")]
    [InlineData("libur")]
    [InlineData("libur nasional")]
    public void National_and_libur_are_national_holidays(string kind)
    {
        var result = Read(
            "date,name,kind",
            $"2026-03-21,Idulfitri 1447 Hijriah,{kind}");

        result.Rows.Should().ContainSingle().Which.Kind.Should().Be(HolidayKind.NationalHoliday);
    }

    [Fact]
    public void Spaces_around_cells_are_ignored()
    {
        var result = Read(
            "date , name , kind",
            " 2026-03-20 ,  Idulfitri 1447 Hijriah  , cuti ");

        result.IsValid.Should().BeTrue();
        result.Rows.Select(Row).Should().Equal(Row(3, 20, "Idulfitri 1447 Hijriah", HolidayKind.CollectiveLeave));
    }

    [Fact]
    public void A_bad_date_on_line_three_is_reported_as_line_three_with_the_value_and_nothing_is_imported()
    {
        var result = Read(
            "date,name,kind",
            "2026-01-01,Tahun Baru 2026 Masehi,national",
            "2026-13-01,Bulan ketiga belas,national",
            "2026-08-17,Proklamasi Kemerdekaan,national");

        result.IsValid.Should().BeFalse();
        result.Errors.Should().Equal(new HolidayCsvError(3, HolidayCsvError.BadDate, "2026-13-01"));
        result.Rows.Should().BeEmpty("a file with any bad row imports nothing");
    }

    [Theory]
    [InlineData("17/08/2026")]
    [InlineData("2026-8-17")]
    [InlineData("17 Agustus 2026")]
    [InlineData("2026-02-30")]
    public void Dates_not_written_as_a_real_yyyy_MM_dd_day_are_bad(string date)
    {
        var result = Read(
            "date,name",
            $"{date},Proklamasi Kemerdekaan");

        result.Errors.Should().Equal(new HolidayCsvError(2, HolidayCsvError.BadDate, date));
        result.Rows.Should().BeEmpty();
    }

    [Fact]
    public void Every_bad_row_is_reported_with_its_own_line_number()
    {
        var result = Read(
            "date,name,kind",
            "2026-01-01,Tahun Baru 2026 Masehi,national",
            "01-16-2026,Isra Mikraj Nabi Muhammad SAW,national",
            "2026-02-16,,cuti",
            "2026-02-17,Tahun Baru Imlek 2577 Kongzili,national",
            "2026-03-19,Hari Suci Nyepi Tahun Baru Saka 1948,libur panjang");

        result.Errors.Should().Equal(
            new HolidayCsvError(3, HolidayCsvError.BadDate, "01-16-2026"),
            new HolidayCsvError(4, HolidayCsvError.MissingName, null),
            new HolidayCsvError(6, HolidayCsvError.BadKind, "libur panjang"));
        result.Rows.Should().BeEmpty();
    }

    [Fact]
    public void One_row_with_several_problems_reports_each_on_that_line()
    {
        var result = Read(
            "date,name,kind",
            "besok,,kadang");

        result.Errors.Should().Equal(
            new HolidayCsvError(2, HolidayCsvError.BadDate, "besok"),
            new HolidayCsvError(2, HolidayCsvError.MissingName, null),
            new HolidayCsvError(2, HolidayCsvError.BadKind, "kadang"));
    }

    [Fact]
    public void A_duplicate_date_is_reported_on_its_line_with_the_line_of_the_first_occurrence()
    {
        var result = Read(
            "date,name,kind",
            "2026-03-20,Idulfitri 1447 Hijriah,cuti",
            "2026-03-21,Idulfitri 1447 Hijriah,national",
            "2026-03-22,Idulfitri 1447 Hijriah,national",
            "2026-03-21,Idulfitri 1447 Hijriah (hari kedua),national");

        result.Errors.Should().Equal(new HolidayCsvError(5, HolidayCsvError.DuplicateDate, "3"));
        result.Rows.Should().BeEmpty();
    }

    [Fact]
    public void A_date_repeated_three_times_points_every_repeat_at_the_first_line()
    {
        var result = Read(
            "date,name",
            "2026-05-01,Hari Buruh Internasional",
            "2026-05-01,Hari Buruh",
            "2026-05-01,May Day");

        result.Errors.Should().Equal(
            new HolidayCsvError(3, HolidayCsvError.DuplicateDate, "2"),
            new HolidayCsvError(4, HolidayCsvError.DuplicateDate, "2"));
    }

    [Fact]
    public void A_row_without_a_name_is_reported()
    {
        var result = Read(
            "date,name,kind",
            "2026-06-01,,national");

        result.Errors.Should().Equal(new HolidayCsvError(2, HolidayCsvError.MissingName, null));
        result.Rows.Should().BeEmpty();
    }

    [Fact]
    public void A_name_of_only_spaces_counts_as_missing()
    {
        var result = Read(
            "date,name,kind",
            "2026-06-01,    ,national");

        result.Errors.Should().Equal(new HolidayCsvError(2, HolidayCsvError.MissingName, null));
    }

    [Fact]
    public void A_row_with_too_few_cells_reports_the_missing_name()
    {
        var result = Read(
            "date,name,kind",
            "2026-06-01");

        result.Errors.Should().Equal(new HolidayCsvError(2, HolidayCsvError.MissingName, null));
    }

    [Fact]
    public void A_name_longer_than_the_maximum_is_reported_with_the_maximum()
    {
        var result = Read(
            "date,name,kind",
            $"2026-06-01,{new string('x', Holiday.MaxNameLength + 1)},national");

        result.Errors.Should().Equal(new HolidayCsvError(2, HolidayCsvError.NameTooLong, Holiday.MaxNameLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        result.Rows.Should().BeEmpty();
    }

    [Fact]
    public void A_name_of_exactly_the_maximum_length_is_accepted()
    {
        var name = new string('x', Holiday.MaxNameLength);

        var result = Read(
            "date,name,kind",
            $"2026-06-01,{name},national");

        result.IsValid.Should().BeTrue();
        result.Rows.Should().ContainSingle().Which.Name.Should().Be(name);
    }

    [Fact]
    public void An_unknown_kind_is_reported_with_the_value()
    {
        var result = Read(
            "date,name,kind",
            "2026-06-01,Hari Lahir Pancasila,regional");

        result.Errors.Should().Equal(new HolidayCsvError(2, HolidayCsvError.BadKind, "regional"));
        result.Rows.Should().BeEmpty();
    }

    [Fact]
    public void A_file_whose_first_line_is_data_is_refused_for_a_missing_header()
    {
        var result = Read(
            "2026-01-01,Tahun Baru 2026 Masehi,national",
            "2026-08-17,Proklamasi Kemerdekaan,national");

        result.Errors.Should().Equal(new HolidayCsvError(1, HolidayCsvError.MissingHeader, null));
        result.Rows.Should().BeEmpty();
    }

    [Fact]
    public void A_header_without_a_name_column_is_refused()
    {
        var result = Read(
            "date,kind",
            "2026-01-01,national");

        result.Errors.Should().Equal(new HolidayCsvError(1, HolidayCsvError.MissingHeader, null));
    }

    [Fact]
    public void An_empty_file_is_refused_for_a_missing_header()
    {
        var result = HolidayCsv.Read(new StringReader(""));

        result.Errors.Should().Equal(new HolidayCsvError(1, HolidayCsvError.MissingHeader, null));
        result.Rows.Should().BeEmpty();
    }

    [Fact]
    public void A_file_with_only_a_header_has_no_rows()
    {
        var result = Read("date,name,kind");

        result.IsValid.Should().BeFalse();
        result.Errors.Should().Equal(new HolidayCsvError(2, HolidayCsvError.NoRows, null));
        result.Rows.Should().BeEmpty();
    }

    [Fact]
    public void A_header_followed_only_by_blank_lines_has_no_rows()
    {
        var result = Read("date,name,kind", "", "", "");

        result.Errors.Should().ContainSingle().Which.Code.Should().Be(HolidayCsvError.NoRows);
    }

    [Fact]
    public void Blank_lines_are_ignored()
    {
        var result = Read(
            "date,name,kind",
            "",
            "2026-01-01,Tahun Baru 2026 Masehi,national",
            "",
            "",
            "2026-08-17,Proklamasi Kemerdekaan,national",
            "");

        result.IsValid.Should().BeTrue();
        result.Rows.Select(h => h.Date).Should().Equal(new DateOnly(2026, 1, 1), new DateOnly(2026, 8, 17));
    }

    [Fact]
    public void Line_numbers_after_blank_lines_are_the_lines_a_text_editor_shows()
    {
        var result = Read(
            "date,name,kind",                            // 1
            "",                                          // 2
            "2026-01-01,Tahun Baru 2026 Masehi,national", // 3
            "",                                          // 4
            "",                                          // 5
            "2026-08-32,Proklamasi Kemerdekaan,national"); // 6

        result.Errors.Should().Equal(new HolidayCsvError(6, HolidayCsvError.BadDate, "2026-08-32"));
    }

    [Fact]
    public void A_duplicate_after_blank_lines_points_at_the_editor_line_of_the_first_occurrence()
    {
        var result = Read(
            "date,name",                           // 1
            "",                                    // 2
            "2026-05-01,Hari Buruh Internasional", // 3
            "",                                    // 4
            "2026-05-01,Hari Buruh");              // 5

        result.Errors.Should().Equal(new HolidayCsvError(5, HolidayCsvError.DuplicateDate, "3"));
    }

    [Fact]
    public void Rows_after_a_quoted_name_broken_over_two_lines_keep_their_editor_line_numbers()
    {
        var result = Read(
            "date,name,kind",                             // 1
            "2026-04-05,\"Kebangkitan Yesus Kristus",      // 2
            "(Paskah)\",national",                         // 3
            "2026-04-31,Bukan tanggal,national");         // 4

        result.Errors.Should().Equal(new HolidayCsvError(4, HolidayCsvError.BadDate, "2026-04-31"));
    }

    [Fact]
    public void A_bad_row_whose_quoted_name_spans_two_lines_is_reported_on_the_line_where_the_row_starts()
    {
        // A spreadsheet cell with a line break is exported as a quoted value over two lines.
        // The bad date is on line 2 in the editor, so that is the line to report.
        var result = Read(
            "date,name,kind",                             // 1
            "2026-04-31,\"Kebangkitan Yesus Kristus",      // 2
            "(Paskah)\",national");                        // 3

        result.Errors.Should().Equal(new HolidayCsvError(2, HolidayCsvError.BadDate, "2026-04-31"));
    }

    [Fact]
    public void A_quoted_name_may_contain_the_delimiter()
    {
        var result = Read(
            "date,name,kind",
            "2026-04-05,\"Kebangkitan Yesus Kristus, Paskah\",national",
            "2026-05-27,\"Iduladha 1447 Hijriah\",national");

        result.IsValid.Should().BeTrue();
        result.Rows.Select(Row).Should().Equal(
            Row(4, 5, "Kebangkitan Yesus Kristus, Paskah", HolidayKind.NationalHoliday),
            Row(5, 27, "Iduladha 1447 Hijriah", HolidayKind.NationalHoliday));
    }

    [Fact]
    public void A_quoted_name_may_contain_a_doubled_quote()
    {
        var result = Read(
            "date,name,kind",
            "2026-04-05,\"Paskah \"\"Kebangkitan\"\"\",national");

        result.Rows.Should().ContainSingle().Which.Name.Should().Be("Paskah \"Kebangkitan\"");
    }

    [Fact]
    public void A_semicolon_file_may_quote_a_name_with_a_semicolon()
    {
        var result = Read(
            "date;name;kind",
            "2026-04-05;\"Kebangkitan Yesus Kristus; Paskah\";national",
            "2026-05-27;Iduladha 1447 Hijriah;national");

        result.IsValid.Should().BeTrue();
        result.Rows.Select(h => h.Name).Should().Equal("Kebangkitan Yesus Kristus; Paskah", "Iduladha 1447 Hijriah");
    }

    [Fact]
    public void A_semicolon_file_may_have_commas_inside_names()
    {
        var result = Read(
            "date;name;kind",
            "2026-04-05;Kebangkitan Yesus Kristus, Paskah;national",
            "2026-05-27;Iduladha 1447 Hijriah;national");

        result.IsValid.Should().BeTrue();
        result.Rows.Select(h => h.Name).Should().Equal("Kebangkitan Yesus Kristus, Paskah", "Iduladha 1447 Hijriah");
    }

    [Fact]
    public void Header_names_are_matched_regardless_of_capitals()
    {
        // The header check accepts "Date"/"Name"; the rows under such a header must then be read too.
        var result = Read(
            "Date,Name,Kind",
            "2026-01-01,Tahun Baru 2026 Masehi,National",
            "2026-02-16,Tahun Baru Imlek 2577 Kongzili,Cuti");

        result.Errors.Should().BeEmpty();
        result.Rows.Select(Row).Should().Equal(
            Row(1, 1, "Tahun Baru 2026 Masehi", HolidayKind.NationalHoliday),
            Row(2, 16, "Tahun Baru Imlek 2577 Kongzili", HolidayKind.CollectiveLeave));
    }

    [Fact]
    public void Columns_may_come_in_any_order()
    {
        var result = Read(
            "kind,name,date",
            "cuti,Idulfitri 1447 Hijriah,2026-03-20");

        result.Rows.Select(Row).Should().Equal(Row(3, 20, "Idulfitri 1447 Hijriah", HolidayKind.CollectiveLeave));
    }

    [Fact]
    public void More_rows_than_the_maximum_are_refused_at_the_first_row_over_the_limit()
    {
        var start = new DateOnly(2026, 1, 1);
        var lines = new[] { "date,name" }
            .Concat(Enumerable.Range(0, HolidayCsv.MaxRows + 5)
                .Select(i => $"{start.AddDays(i):yyyy-MM-dd},Hari {i}"))
            .ToArray();

        var result = Read(lines);

        result.Rows.Should().BeEmpty();
        result.Errors.Should().Equal(new HolidayCsvError(
            HolidayCsv.MaxRows + 2, HolidayCsvError.TooManyRows, HolidayCsv.MaxRows.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Exactly_the_maximum_number_of_rows_is_accepted()
    {
        var start = new DateOnly(2026, 1, 1);
        var lines = new[] { "date,name" }
            .Concat(Enumerable.Range(0, HolidayCsv.MaxRows).Select(i => $"{start.AddDays(i):yyyy-MM-dd},Hari {i}"))
            .ToArray();

        var result = Read(lines);

        result.IsValid.Should().BeTrue();
        result.Rows.Should().HaveCount(HolidayCsv.MaxRows);
    }

    [Fact]
    public void Write_puts_a_header_then_one_line_per_holiday_in_date_order()
    {
        var holidays = new[]
        {
            new Holiday { Date = new DateOnly(2026, 8, 17), Name = "Proklamasi Kemerdekaan", Kind = HolidayKind.NationalHoliday },
            new Holiday { Date = new DateOnly(2026, 3, 20), Name = "Idulfitri 1447 Hijriah", Kind = HolidayKind.CollectiveLeave },
        };

        var text = HolidayCsv.Write(holidays);

        text.Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            "date,name,kind",
            "2026-03-20,Idulfitri 1447 Hijriah,cuti",
            "2026-08-17,Proklamasi Kemerdekaan,national");
    }

    [Fact]
    public void Write_quotes_a_name_containing_a_comma()
    {
        var text = HolidayCsv.Write([
            new Holiday { Date = new DateOnly(2026, 4, 5), Name = "Kebangkitan Yesus Kristus, Paskah", Kind = HolidayKind.NationalHoliday },
        ]);

        text.Should().Contain("2026-04-05,\"Kebangkitan Yesus Kristus, Paskah\",national");
    }

    [Fact]
    public void Write_of_no_holidays_is_just_the_header()
    {
        HolidayCsv.Write([]).Trim().Should().Be("date,name,kind");
    }

    [Fact]
    public void Writing_then_reading_the_2026_holidays_gives_the_same_holidays()
    {
        var holidays = DefaultServiceHours.Holidays2026();

        var result = HolidayCsv.Read(new StringReader(HolidayCsv.Write(holidays)));

        result.Errors.Should().BeEmpty();
        result.Rows.Select(Row).Should().Equal(holidays.OrderBy(h => h.Date).Select(Row));
        result.Rows.Should().HaveCount(25);
    }

    [Fact]
    public void Writing_then_reading_keeps_names_with_commas_and_quotes()
    {
        Holiday[] holidays =
        [
            new() { Date = new DateOnly(2026, 4, 5), Name = "Kebangkitan Yesus Kristus, \"Paskah\"", Kind = HolidayKind.NationalHoliday },
            new() { Date = new DateOnly(2026, 4, 6), Name = "Cuti; sehari", Kind = HolidayKind.CollectiveLeave },
        ];

        var result = HolidayCsv.Read(new StringReader(HolidayCsv.Write(holidays)));

        result.Errors.Should().BeEmpty();
        result.Rows.Select(Row).Should().Equal(holidays.Select(Row));
    }
}
