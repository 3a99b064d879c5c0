namespace LibrarianDesk.Shared.Staff;

public static class DeskClaimTypes
{
    public const string DisplayName = "desk:display_name";

    /// <summary>Present while the account still signs in with a generated or reset password.</summary>
    public const string MustChangePassword = "desk:must_change_password";

    /// <summary>Present while the account's role requires two-factor sign-in and the account has not enrolled.</summary>
    public const string MustEnrolTwoFactor = "desk:must_enrol_two_factor";
}
