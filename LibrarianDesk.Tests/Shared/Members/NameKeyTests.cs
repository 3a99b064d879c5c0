using LibrarianDesk.Shared.Members;

namespace LibrarianDesk.Tests.Members;

public sealed class NameKeyTests
{
    [Theory]
    [InlineData("Siti Nurhaliza", "siti nurhaliza")]
    [InlineData("SITI   NURHALIZA", "siti nurhaliza")]
    [InlineData("  André Wijaya ", "andre wijaya")]
    [InlineData("Ni Luh Putu Éka", "ni luh putu eka")]
    [InlineData("Çağlar Sinaga", "caglar sinaga")]
    [InlineData("", "")]
    public void The_search_key_ignores_case_accents_and_spacing(string name, string key)
    {
        NameKey.For(name).Should().Be(key);
    }

    [Theory]
    [InlineData("Siti Nurhaliza", "nurhal", true)]
    [InlineData("Siti Nurhaliza", "SITI", true)]
    [InlineData("André Wijaya", "andre", true)]
    [InlineData("Andre Wijaya", "André", true)]
    [InlineData("Siti Nurhaliza", "siti  nurhaliza", true)]
    [InlineData("Siti Nurhaliza", "Budi", false)]
    [InlineData("Siti Nurhaliza", "", false)]
    public void A_part_of_the_name_finds_it_whatever_the_case_or_accents(string fullName, string typed, bool found)
    {
        NameKey.Contains(fullName, typed).Should().Be(found);
    }

    [Fact]
    public void A_member_carries_the_search_key_of_its_name()
    {
        var member = new Member { FullName = "Dèwi  LESTARI" };
        member.SearchName.Should().Be("dewi lestari");
    }
}
