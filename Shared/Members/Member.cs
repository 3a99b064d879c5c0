namespace LibrarianDesk.Shared.Members;

/// <summary>
/// One entry of the library's member directory, as exported by the membership system. The phone is
/// stored normalised (<see cref="PhoneNumbers.Normalise"/>), the email in lower case, and the name
/// alongside a search key (<see cref="NameKey"/>) so look-ups ignore case and accents.
/// </summary>
public sealed class Member
{
    public const int MaxMemberNumberLength = 32;
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;
    public const int MaxPhoneLength = 16;

    private string fullName = "";

    public int Id { get; set; }

    /// <summary>The library card number, upper case, unique.</summary>
    public string MemberNumber { get; set; } = "";

    public string FullName
    {
        get => fullName;
        set
        {
            fullName = value ?? "";
            SearchName = NameKey.For(fullName);
        }
    }

    /// <summary>The name folded for search: lower case, accents and repeated spaces removed.</summary>
    public string SearchName { get; private set; } = "";

    public string? Email { get; set; }

    /// <summary>International form, e.g. <c>+6281234567890</c>.</summary>
    public string? Phone { get; set; }

    public DateOnly BirthDate { get; set; }
    public MemberType Type { get; set; }
    public MemberStatus Status { get; set; }
    public DateOnly RegisteredOn { get; set; }
    public DateOnly ExpiresOn { get; set; }

    /// <summary>The status that counts today: an active card past its expiry date is expired.</summary>
    public MemberStatus StatusOn(DateOnly today) =>
        Status == MemberStatus.Active && ExpiresOn < today ? MemberStatus.Expired : Status;
}

public enum MemberType
{
    General,
    Student,
    Researcher,
    Child,
    Senior,
}

public enum MemberStatus
{
    Active,
    Expired,
    Suspended,
}
