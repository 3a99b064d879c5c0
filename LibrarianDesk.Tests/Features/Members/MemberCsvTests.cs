using System.Text;
using LibrarianDesk.Features.Members;
using LibrarianDesk.Shared.Members;

namespace LibrarianDesk.Tests.Features.Members;

public sealed class MemberCsvTests
{
    private const string Header = MemberFiles.Header;

    private static MemberCsvResult Read(string text) => MemberCsv.Read(new StringReader(text));

    [Fact]
    public void A_good_file_is_read_and_normalised()
    {
        var result = Read($"""
            {Header}
            pn2024000001,Siti Rahmawati,Siti@Contoh.ID,0812-3456-7890,17/08/1990,mahasiswa,aktif,2024-01-10,2029-01-10
            PN2024000002,Budi Santoso,,,1985-02-28,,,,2027-05-01
            """);

        result.IsValid.Should().BeTrue();
        var siti = result.Rows[0];
        siti.MemberNumber.Should().Be("PN2024000001");
        siti.Email.Should().Be("siti@contoh.id");
        siti.Phone.Should().Be("+6281234567890");
        siti.BirthDate.Should().Be(new DateOnly(1990, 8, 17));
        siti.Type.Should().Be(MemberType.Student);
        siti.Line.Should().Be(2);
        result.Rows[1].Type.Should().Be(MemberType.General);
        result.Rows[1].Status.Should().Be(MemberStatus.Active);
    }

    [Fact]
    public void Indonesian_headers_and_semicolons_are_understood()
    {
        var result = Read("""
            Nomor_Anggota;Nama;Telepon;Tanggal_Lahir;Berlaku_Sampai
            PN1;Dewi Lestari;+62 857 1111 2222;01-12-1970;2030-01-01
            """);

        result.IsValid.Should().BeTrue();
        result.Rows.Single().Phone.Should().Be("+6285711112222");
    }

    [Fact]
    public void Every_bad_row_is_rejected_with_its_line_number_and_reason()
    {
        var result = Read($"""
            {Header}
            PN1,Siti Rahmawati,siti@contoh.id,0812-3456-7890,17/08/1990,,,,2029-01-10
            PN2,Budi Santoso,,0812-ABCD-7890,17/08/1990,,,,2029-01-10
            PN3,Ani,,,31/02/1990,,,,2029-01-10
            PN1,Siti Lagi,,,17/08/1990,,,,2029-01-10
            ,Tanpa Nomor,,,17/08/1990,,,,2029-01-10
            PN4,Rudi,,,17/08/1990,astronaut,,,2029-01-10
            PN5,Rina,bukan-surel,,17/08/1990,,,,2029-01-10
            PN6,Joko,,,17/08/1990,,,,
            PN7,"Nama
            dua baris",,,17/08/1990,,beku,,2029-01-10
            PN8,Lina,,,17/08/1990,,,,2029-01-10
            """);

        result.IsValid.Should().BeFalse();
        result.Rows.Select(r => r.MemberNumber).Should().Equal("PN1", "PN8");
        result.Errors.Select(e => (e.Line, e.Code)).Should().Equal(
            (3, MemberCsvError.BadPhone),
            (4, MemberCsvError.BadDate),
            (5, MemberCsvError.DuplicateNumber),
            (6, MemberCsvError.MissingNumber),
            (7, MemberCsvError.BadType),
            (8, MemberCsvError.BadEmail),
            (9, MemberCsvError.MissingDate),
            (10, MemberCsvError.BadStatus));
        result.Errors[2].Value.Should().Be("2", "the duplicate points at the first line with that number");
        result.Errors[1].Value.Should().Be("31/02/1990");
    }

    [Fact]
    public void A_file_without_the_required_columns_says_which_are_missing()
    {
        var result = Read("""
            member_number,full_name,phone
            PN1,Siti,0812-3456-7890
            """);

        result.Errors.Should().ContainSingle().Which.Should().Be(new MemberCsvError(1, MemberCsvError.MissingColumns, "birth_date, expires_on"));
        result.Rows.Should().BeEmpty();
    }

    [Fact]
    public void A_file_with_only_a_header_has_no_rows()
    {
        Read(Header).Errors.Should().ContainSingle().Which.Code.Should().Be(MemberCsvError.NoRows);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused_as_a_whole()
    {
        var latin1 = Encoding.Latin1.GetBytes($"{Header}\nPN1,André Wijaya,,,17/08/1990,,,,2029-01-10\n");
        using var stream = new MemoryStream(latin1);

        MemberCsv.Read(stream).Errors.Should().ContainSingle().Which.Code.Should().Be(MemberCsvError.NotUtf8);
    }

    [Fact]
    public void A_utf8_file_with_a_byte_order_mark_is_read()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"{Header}\nPN1,André Wijaya,,,17/08/1990,,,,2029-01-10\n")).ToArray();
        using var stream = new MemoryStream(bytes);

        MemberCsv.Read(stream).Rows.Single().FullName.Should().Be("André Wijaya");
    }

    [Fact]
    public void Export_writes_what_import_reads()
    {
        var member = new Member
        {
            MemberNumber = "PN9", FullName = "Putri, \"Ayu\" Lestari", Email = "putri@contoh.id", Phone = "+6281234567890",
            BirthDate = new DateOnly(2001, 3, 4), Type = MemberType.Researcher, Status = MemberStatus.Suspended,
            RegisteredOn = new DateOnly(2022, 1, 1), ExpiresOn = new DateOnly(2027, 1, 1),
        };

        var row = Read(MemberCsv.Write([member])).Rows.Single();

        row.Should().Be(new MemberCsvRow(2, "PN9", member.FullName, member.Email, member.Phone, member.BirthDate,
            member.Type, member.Status, member.RegisteredOn, member.ExpiresOn));
    }

    /// <summary>A membership system whose export names its columns its own way.</summary>
    private const string OwnHeaders = """
        No. Kartu,Nama Anggota,Tgl. Lahir,Masa Berlaku,email
        KTA-77,Rina Kusuma,05/05/1995,2031-12-31,rina@contoh.id
        KTA-78,Joko Santoso,06/06/1996,2031-12-31,
        """;

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void The_header_step_shows_every_column_with_a_sample_and_proposes_what_it_recognises()
    {
        var header = MemberCsv.ReadHeader(Utf8(OwnHeaders));

        header.Error.Should().BeNull();
        header.Columns.Should().Equal("No. Kartu", "Nama Anggota", "Tgl. Lahir", "Masa Berlaku", "email");
        header.Sample.Should().Equal("KTA-77", "Rina Kusuma", "05/05/1995", "2031-12-31", "rina@contoh.id");
        header.Mapping.Should().BeEquivalentTo(new Dictionary<MemberField, int> { [MemberField.Email] = 4 });
    }

    [Fact]
    public void Columns_the_desk_does_not_recognise_are_read_once_a_person_maps_them()
    {
        MemberCsv.Read(Utf8(OwnHeaders)).Errors.Should().ContainSingle().Which.Should()
            .Be(new MemberCsvError(1, MemberCsvError.MissingColumns, "member_number, full_name, birth_date, expires_on"));

        var mapping = new Dictionary<MemberField, int>
        {
            [MemberField.MemberNumber] = 0, [MemberField.FullName] = 1, [MemberField.BirthDate] = 2, [MemberField.ExpiresOn] = 3, [MemberField.Email] = 4,
        };
        var result = MemberCsv.Read(Utf8(OwnHeaders), mapping);

        result.IsValid.Should().BeTrue();
        result.Rows.Select(r => (r.MemberNumber, r.FullName, r.BirthDate, r.ExpiresOn, r.Email)).Should().Equal(
            ("KTA-77", "Rina Kusuma", new DateOnly(1995, 5, 5), new DateOnly(2031, 12, 31), "rina@contoh.id"),
            ("KTA-78", "Joko Santoso", new DateOnly(1996, 6, 6), new DateOnly(2031, 12, 31), (string?)null));
    }

    [Fact]
    public void A_mapping_that_leaves_out_a_required_field_or_points_past_the_last_column_is_refused()
    {
        var mapping = new Dictionary<MemberField, int> { [MemberField.MemberNumber] = 0, [MemberField.FullName] = 1, [MemberField.BirthDate] = 2, [MemberField.ExpiresOn] = 9 };

        MemberCsv.Read(Utf8(OwnHeaders), mapping).Errors.Should().ContainSingle().Which.Value.Should().Be("expires_on");
    }

    [Fact]
    public void The_header_step_refuses_a_file_that_is_not_utf8_or_is_empty()
    {
        MemberCsv.ReadHeader(new MemoryStream(Encoding.Latin1.GetBytes("nama\nAndré\n"))).Error!.Code.Should().Be(MemberCsvError.NotUtf8);
        MemberCsv.ReadHeader(Utf8("")).Error!.Code.Should().Be(MemberCsvError.NoRows);
    }
}
