namespace LibrarianDesk.Features.Accounts;

public static class DeskPolicies
{
    /// <summary>Any account holding at least one desk role.</summary>
    public const string Staff = "Staff";

    public const string AuditReaders = "AuditReaders";
}
