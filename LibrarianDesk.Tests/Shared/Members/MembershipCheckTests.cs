using LibrarianDesk.Shared.Members;

namespace LibrarianDesk.Tests.Members;

public sealed class MembershipCheckTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static Member Siti(MemberStatus status = MemberStatus.Active, DateOnly? expires = null) => new()
    {
        MemberNumber = "PN2024000123",
        FullName = "Siti Rahmawati",
        Phone = "+6281234567890",
        BirthDate = new DateOnly(1990, 8, 17),
        Status = status,
        RegisteredOn = new DateOnly(2024, 1, 10),
        ExpiresOn = expires ?? new DateOnly(2029, 1, 10),
    };

    [Theory]
    [InlineData("0812-3456-7890", null, FieldMatch.Match, FieldMatch.NotGiven, true)]
    [InlineData(null, "17/08/1990", FieldMatch.NotGiven, FieldMatch.Match, true)]
    [InlineData("+62 812 3456 7890", "1990-08-17", FieldMatch.Match, FieldMatch.Match, true)]
    [InlineData("0812-3456-0000", null, FieldMatch.Mismatch, FieldMatch.NotGiven, false)]
    [InlineData(null, "18/08/1990", FieldMatch.NotGiven, FieldMatch.Mismatch, false)]
    [InlineData("0812-3456-7890", "01/01/1991", FieldMatch.Match, FieldMatch.Mismatch, false)]
    [InlineData("0812-ABCD-7890", null, FieldMatch.Invalid, FieldMatch.NotGiven, false)]
    [InlineData(null, "31/02/1990", FieldMatch.NotGiven, FieldMatch.Invalid, false)]
    [InlineData(null, null, FieldMatch.NotGiven, FieldMatch.NotGiven, false)]
    public void Each_field_the_patron_gives_is_compared_with_the_record(
        string? phone, string? birthDate, FieldMatch phoneMatch, FieldMatch birthDateMatch, bool confirmed)
    {
        var result = MembershipCheck.Check(Siti(), null, phone, birthDate, Today);

        result.Found.Should().BeTrue();
        result.Phone.Should().Be(phoneMatch);
        result.BirthDate.Should().Be(birthDateMatch);
        result.Confirmed.Should().Be(confirmed);
        result.Status.Should().Be(MemberStatus.Active);
    }

    [Theory]
    [InlineData("siti rahmawati", FieldMatch.Match)]
    [InlineData("SITI  RAHMAWATI", FieldMatch.Match)]
    [InlineData("Sìti Rahmawati", FieldMatch.Match)]
    [InlineData("Siti", FieldMatch.Mismatch)]
    [InlineData("", FieldMatch.NotGiven)]
    public void The_claimed_name_is_compared_ignoring_case_and_accents(string name, FieldMatch expected)
    {
        MembershipCheck.Check(Siti(), name, null, null, Today).Name.Should().Be(expected);
    }

    [Fact]
    public void An_unknown_member_number_is_not_found_and_nothing_is_compared()
    {
        var result = MembershipCheck.Check(null, "Siti Rahmawati", "0812-3456-7890", "17/08/1990", Today);

        result.Should().Be(MembershipCheckResult.NotFound);
        result.Confirmed.Should().BeFalse();
        result.Status.Should().BeNull();
    }

    [Fact]
    public void An_active_card_past_its_expiry_date_is_flagged_as_expired()
    {
        var result = MembershipCheck.Check(Siti(expires: Today.AddDays(-1)), null, "0812-3456-7890", null, Today);

        result.Confirmed.Should().BeTrue("the identity matches");
        result.Status.Should().Be(MemberStatus.Expired);
        result.NeedsAttention.Should().BeTrue();
    }

    [Theory]
    [InlineData(MemberStatus.Expired)]
    [InlineData(MemberStatus.Suspended)]
    public void A_card_the_library_marked_expired_or_suspended_needs_attention(MemberStatus status)
    {
        var result = MembershipCheck.Check(Siti(status), null, null, "17/08/1990", Today);

        result.Status.Should().Be(status);
        result.NeedsAttention.Should().BeTrue();
    }

    [Fact]
    public void A_card_expiring_today_is_still_active()
    {
        MembershipCheck.Check(Siti(expires: Today), null, null, null, Today).Status.Should().Be(MemberStatus.Active);
    }
}
