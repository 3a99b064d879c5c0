namespace LibrarianDesk.Shared.Members;

/// <summary>How one thing the patron said compares with the record.</summary>
public enum FieldMatch
{
    NotGiven,
    Match,
    Mismatch,

    /// <summary>What was typed is no phone number or no real date; it is not compared.</summary>
    Invalid,
}

/// <summary>The answer to "is this patron the member they say they are?" — never the stored values themselves.</summary>
public sealed record MembershipCheckResult(bool Found, FieldMatch Name, FieldMatch Phone, FieldMatch BirthDate, MemberStatus? Status)
{
    public static MembershipCheckResult NotFound { get; } = new(false, FieldMatch.NotGiven, FieldMatch.NotGiven, FieldMatch.NotGiven, null);

    /// <summary>Found, something checked, and nothing contradicted.</summary>
    public bool Confirmed =>
        Found
        && (Phone == FieldMatch.Match || BirthDate == FieldMatch.Match)
        && Phone is not (FieldMatch.Mismatch or FieldMatch.Invalid)
        && BirthDate is not (FieldMatch.Mismatch or FieldMatch.Invalid);

    /// <summary>The card exists but does not give access today.</summary>
    public bool NeedsAttention => Status is MemberStatus.Expired or MemberStatus.Suspended;
}

/// <summary>The verification rules: what the patron told the librarian, field by field, against the record.</summary>
public static class MembershipCheck
{
    public static MembershipCheckResult Check(Member? member, string? name, string? phone, string? birthDate, DateOnly today)
    {
        if (member is null)
        {
            return MembershipCheckResult.NotFound;
        }

        return new MembershipCheckResult(
            true,
            CheckName(member, name),
            CheckPhone(member, phone),
            CheckBirthDate(member, birthDate),
            member.StatusOn(today));
    }

    private static FieldMatch CheckName(Member member, string? name) =>
        string.IsNullOrWhiteSpace(name) ? FieldMatch.NotGiven
        : NameKey.SameName(member.FullName, name) ? FieldMatch.Match
        : FieldMatch.Mismatch;

    private static FieldMatch CheckPhone(Member member, string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return FieldMatch.NotGiven;
        }

        var normalised = PhoneNumbers.Normalise(phone);
        return normalised is null ? FieldMatch.Invalid
            : string.Equals(normalised, member.Phone, StringComparison.Ordinal) ? FieldMatch.Match
            : FieldMatch.Mismatch;
    }

    private static FieldMatch CheckBirthDate(Member member, string? birthDate)
    {
        if (string.IsNullOrWhiteSpace(birthDate))
        {
            return FieldMatch.NotGiven;
        }

        return !MemberDates.TryParse(birthDate, out var date) ? FieldMatch.Invalid
            : date == member.BirthDate ? FieldMatch.Match
            : FieldMatch.Mismatch;
    }
}
