namespace LibrarianDesk.Features.Conversations;

/// <summary>
/// A patron's answer to a greeting. <see cref="LibrarianId"/> is the greeting librarian (null for an
/// automatic greeting or one that expired); <see cref="GreetingText"/> is what the patron answered.
/// </summary>
public sealed record GreetingAnswer(
    string VisitorId, string? LibrarianId, string GreetingText, string Name, string? Email, string? MemberNumber,
    string Text, string ClientMessageId, string? PageUrl);
