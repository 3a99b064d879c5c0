using LibrarianDesk.Data.Seeding;
using LibrarianDesk.Shared.Members;

namespace LibrarianDesk.Tests.Features.Members;

public sealed class DemoMembersSeederTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    [Fact]
    public void The_demo_directory_is_a_few_thousand_distinct_believable_members()
    {
        var members = DemoMembersSeeder.Generate(new Random(1), Today).ToList();

        members.Should().HaveCount(DemoMembersSeeder.Count);
        members.Select(m => m.MemberNumber).Should().OnlyHaveUniqueItems();
        members.Should().OnlyContain(m => m.Phone != null && PhoneNumbers.Normalise(m.Phone) == m.Phone);
        members.Should().OnlyContain(m => m.SearchName == NameKey.For(m.FullName) && m.ExpiresOn > m.RegisteredOn && m.BirthDate < Today);
        members.Select(m => m.Status).Distinct().Should().BeEquivalentTo([MemberStatus.Active, MemberStatus.Expired, MemberStatus.Suspended]);
        members.Select(m => m.Type).Distinct().Should().HaveCountGreaterThan(3);
        members.Should().OnlyContain(m => m.Status != MemberStatus.Active || m.ExpiresOn >= Today);
    }

    [Fact]
    public void The_same_seed_gives_the_same_members()
    {
        var first = DemoMembersSeeder.Generate(new Random(7), Today).Select(m => (m.MemberNumber, m.FullName, m.Phone)).ToList();
        var second = DemoMembersSeeder.Generate(new Random(7), Today).Select(m => (m.MemberNumber, m.FullName, m.Phone)).ToList();

        first.Should().Equal(second);
    }
}
