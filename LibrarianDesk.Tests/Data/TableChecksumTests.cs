using LibrarianDesk.Data.Copy;

namespace LibrarianDesk.Tests.Data;

/// <summary>copy-database's checksum tells rows apart that differ in any value, however the values are split or empty.</summary>
public sealed class TableChecksumTests
{
    public static TheoryData<object?[], object?[]> DifferentRows => new()
    {
        { ["ab", "c"], ["a", "bc"] },
        { [null], [""] },
        { [true], [false] },
        { [1.0], [1.0000000000000002] },
        { [Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff")], [Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964fe")] },
        { [new DateOnly(2026, 12, 7)], [new DateOnly(2026, 12, 8)] },
    };

    [Theory]
    [MemberData(nameof(DifferentRows))]
    public void Rows_that_differ_in_a_value_have_different_checksums(object?[] one, object?[] other) =>
        Checksum(one).Should().NotBe(Checksum(other));

    [Fact]
    public void Values_are_canonical_whichever_engine_returned_them()
    {
        TableChecksum.Canonical(Guid.Parse("6F9619FF-8B86-D011-B42D-00C04FC964FF")).Should().Be("6f9619ff-8b86-d011-b42d-00c04fc964ff");
        TableChecksum.Canonical(12.5m).Should().Be(TableChecksum.Canonical(12.50m));
        TableChecksum.Canonical(new DateTimeOffset(2026, 12, 7, 19, 0, 0, TimeSpan.FromHours(7)))
            .Should().Be(TableChecksum.Canonical(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero)));
        TableChecksum.Canonical(0.1 + 0.2).Should().Be("0.30000000000000004", "doubles round-trip");
    }

    private static string Checksum(object?[] row)
    {
        using var checksum = new TableChecksum();
        checksum.Add(row);
        return checksum.Finish();
    }
}
