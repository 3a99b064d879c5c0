namespace LibrarianDesk.Shared.Conversations;

/// <summary>What the librarian concluded about the patron's membership during the conversation.</summary>
public enum MembershipMark
{
    NotChecked,
    VerifiedMember,
    NotAMember,
    CouldNotVerify,
}
