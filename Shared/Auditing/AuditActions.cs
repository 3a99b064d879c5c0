namespace LibrarianDesk.Shared.Auditing;

public static class AuditActions
{
    public const string AccountBootstrapped = "account.bootstrapped";
    public const string AccountCreated = "account.created";
    public const string AccountUpdated = "account.updated";
    public const string AccountPasswordReset = "account.password_reset";
    public const string AccountDeactivated = "account.deactivated";
    public const string AccountReactivated = "account.reactivated";
    public const string SignInSucceeded = "signin.succeeded";
    public const string SignInFailed = "signin.failed";
    public const string SignInLockedOut = "signin.locked_out";
    public const string PasswordChanged = "account.password_changed";
    public const string SignInAwaitingSecondFactor = "signin.awaiting_second_factor";
    public const string SignInSecondFactorFailed = "signin.second_factor_failed";
    public const string RecoveryCodeUsed = "account.recovery_code_used";
    public const string TwoFactorEnabled = "account.two_factor_enabled";
    public const string TwoFactorDisabled = "account.two_factor_disabled";
    public const string RecoveryCodesRegenerated = "account.recovery_codes_regenerated";
    public const string AuthenticatorReset = "account.authenticator_reset";
    public const string TwoFactorRequirementChanged = "account.two_factor_requirement_changed";
    public const string ServiceHoursChanged = "servicehours.changed";
    public const string HolidayAdded = "holiday.added";
    public const string HolidayRemoved = "holiday.removed";
    public const string HolidaysImported = "holiday.imported";
    public const string AlwaysOpenChanged = "servicehours.always_open_changed";
    public const string FaqChanged = "faq.changed";
    public const string FaqDeleted = "faq.deleted";
    public const string IpBlockAdded = "ipblock.added";
    public const string IpBlockChanged = "ipblock.changed";
    public const string IpBlockRemoved = "ipblock.removed";
    public const string IpBlocksImported = "ipblock.imported";
    public const string MembersSearched = "member.searched";
    public const string MemberViewed = "member.viewed";
    public const string MemberVerified = "member.verified";
    public const string MembershipMarked = "member.marked";
    public const string MembersImported = "member.imported";
    public const string MembersExported = "member.exported";
    public const string PatronNoticeChanged = "privacy.notice_changed";
    public const string PrivacySettingsChanged = "privacy.settings_changed";
    public const string RetentionApplied = "privacy.retention_applied";
    public const string DataRequestFound = "privacy.data_found";
    public const string DataRequestExported = "privacy.data_exported";
    public const string DataRequestCorrected = "privacy.data_corrected";
    public const string DataRequestErased = "privacy.data_erased";
}
