namespace LibrarianDesk.Tests.Features.Members;

/// <summary>The membership export's full header, as the library's system writes it.</summary>
internal static class MemberFiles
{
    public const string Header = "member_number,full_name,email,phone,birth_date,member_type,status,registered_on,expires_on";
}
