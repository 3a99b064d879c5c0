using LibrarianDesk.Shared.Auditing;

namespace LibrarianDesk.Tests.Auditing;

public sealed class MemberLookUpsTests
{
    [Fact]
    public void A_search_forgets_every_value_that_names_a_person_and_keeps_the_result()
    {
        var entry = new AuditEntry
        {
            Action = AuditActions.MembersSearched,
            Target = "0195f0a4-5c1e-7000-8000-000000000001",
            Details = "number=M-1; name=Siti Rahma; phone=0812; email=siti@contoh.id; birth_date=1990-01-02; results=1",
        };

        MemberLookUps.Forget(entry).Should().BeTrue();

        entry.Details.Should().Be("number=*; name=*; phone=*; email=*; birth_date=*; results=1");
        entry.Target.Should().Be("0195f0a4-5c1e-7000-8000-000000000001", "the conversation it was made for names nobody");
    }

    [Fact]
    public void A_viewed_member_forgets_the_number_in_its_target_and_a_verification_the_member_it_checked()
    {
        var viewed = new AuditEntry { Action = AuditActions.MemberViewed, Target = "M-1", Details = "not found" };
        var verified = new AuditEntry { Action = AuditActions.MemberVerified, Target = "c", Details = "member=M-1; found=True; name=Match; phone=Mismatch" };

        MemberLookUps.Forget(viewed).Should().BeTrue();
        MemberLookUps.Forget(verified).Should().BeTrue();

        viewed.Should().BeEquivalentTo(new { Target = "*", Details = "not found" });
        verified.Details.Should().Be("member=*; found=True; name=Match; phone=Mismatch", "the outcome of a check is not the member's name");
    }

    [Fact]
    public void Forgetting_twice_changes_nothing_and_other_entries_are_left_alone()
    {
        var entry = new AuditEntry { Action = AuditActions.MembersSearched, Details = "email=a@contoh.id; results=0" };
        var marked = new AuditEntry { Action = AuditActions.MembershipMarked, Target = "c", Details = "VerifiedMember" };
        var other = new AuditEntry { Action = AuditActions.AccountUpdated, Target = "M-1", Details = "name=Siti" };
        MemberLookUps.Forget(entry);

        MemberLookUps.Forget(entry).Should().BeFalse();
        MemberLookUps.Forget(marked).Should().BeFalse();
        MemberLookUps.Forget(other).Should().BeFalse();
        other.Should().BeEquivalentTo(new { Target = "M-1", Details = "name=Siti" });
    }
}
