using LibrarianDesk.Features.IpBlocks;
using LibrarianDesk.Shared.Blocking;

namespace LibrarianDesk.Tests.Features.IpBlocks;

public sealed class IpBlockCsvTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 2, 3, 4, 5, 678, TimeSpan.Zero);

    [Fact]
    public void Writing_then_reading_gives_the_same_blocks_back()
    {
        IpBlock[] blocks =
        [
            new() { Range = "203.0.113.0/24", Reason = "spam, \"promo\" links", CreatedAt = Created, CreatedBy = "Agus", ExpiresAt = Created.AddDays(7), Hits = 12, LastHitAt = Created.AddHours(1) },
            new() { Range = "2001:db8::/32", Reason = "automatic: flood", CreatedAt = Created.AddMinutes(1), CreatedBy = "LibrarianDesk", IsAutomatic = true },
        ];

        var read = IpBlockCsv.Read(new StringReader(IpBlockCsv.Write(blocks)));

        read.IsValid.Should().BeTrue();
        read.Rows.Should().BeEquivalentTo(blocks, options => options.Excluding(b => b.Id).Excluding(b => b.CreatedById));
    }

    [Fact]
    public void Every_bad_row_is_reported_with_its_line_and_nothing_is_imported()
    {
        var csv = """
            range;reason;expires_at
            203.0.113.7;spam;
            10.0.0.256;spam;
            0.0.0.0/0;everyone;
            203.0.113.7;again;
            198.51.100.0/24;;
            198.51.100.9;spam;next tuesday
            """;

        var read = IpBlockCsv.Read(new StringReader(csv));

        read.Rows.Should().BeEmpty();
        read.Errors.Select(e => (e.Line, e.Code)).Should().Equal(
            (3, "IpRange_malformed_address"),
            (4, IpBlockCsvError.CoversEveryone),
            (5, IpBlockCsvError.Duplicate),
            (6, IpBlockCsvError.BadReason),
            (7, IpBlockCsvError.BadDate));
    }

    [Fact]
    public void A_file_without_the_columns_is_refused_on_line_one()
    {
        IpBlockCsv.Read(new StringReader("address,why\n1.2.3.4,x")).Errors.Should().ContainSingle()
            .Which.Should().Be(new IpBlockCsvError(1, IpBlockCsvError.MissingHeader, null));
    }
}
