using LibrarianDesk.Shared.Visitors;

namespace LibrarianDesk.Features.Visitors;

/// <summary>What a widget tells the desk when it loads on a page (its Hello), with what the connection shows.</summary>
public sealed record VisitorArrival(
    string VisitorId, string? PageUrl, string? PageTitle, string? Referrer, string Language, string? UserAgent, string? IpAddress);

/// <summary>One visitor as the live list shows it; times are instants, the screen turns them into durations.</summary>
public sealed record VisitorRow(
    string VisitorId,
    string? PageUrl,
    string? PageTitle,
    string? Referrer,
    DateTimeOffset VisitStartedAt,
    DateTimeOffset PageSince,
    int PagesViewed,
    bool Returning,
    string Browser,
    string OperatingSystem,
    string Language,
    string? IpAddress,
    VisitorChatState ChatState,
    string? ChatLibrarianName,
    Guid? ChatConversationId,
    int OpenTabs);

public sealed record VisitorCounts(int Now, int Chatting, int Waiting);

/// <summary>The live list's filter: part of a page address or title, and a chat state (null: any).</summary>
public sealed record VisitorFilter(string? Page = null, VisitorChatState? State = null)
{
    public static VisitorFilter All { get; } = new();
}

public sealed record VisitorSlice(IReadOnlyList<VisitorRow> Rows, int Total);

/// <summary>A greeting waiting for the visitor's answer. <see cref="LibrarianId"/> is null for an automatic one.</summary>
public sealed record PendingGreeting(
    Guid Id, string? LibrarianId, string AuthorName, string Text, DateTimeOffset SentAt, DateTimeOffset ExpiresAt, int? TriggerId);

/// <summary>A visitor an automatic greeting might be for (connected, browsing, not greeted lately).</summary>
public sealed record GreetingCandidate(
    string VisitorId, string? PageUrl, string? PageTitle, DateTimeOffset PageSince, string? Referrer, string Language,
    IReadOnlySet<int> TriggersFired);

/// <summary>Something changed in the live visitor list (arrival, page, departure, chat state).</summary>
public sealed record VisitorsChanged;

/// <summary>
/// With several servers: the live visitors of server <paramref name="Server"/>, sent to the others when its list changed
/// (at most once per check) and every few seconds besides; empty when the server stops.
/// </summary>
public sealed record VisitorsOnServer(string Server, IReadOnlyList<VisitorRow> Visitors);

/// <summary>A greeting was granted for a visitor: the server holding their tabs shows it there and keeps it for the answer.</summary>
public sealed record VisitorGreeted(string VisitorId, PendingGreeting Greeting);
