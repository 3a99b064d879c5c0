using System.Security.Claims;
using LibrarianDesk.Shared.Conversations;

namespace LibrarianDesk.Features.History;

/// <summary>
/// What a history search asks for. Every part is optional; the period is in WIB calendar days, both
/// ends included.
/// </summary>
public sealed record HistoryFilter
{
    public string? Text { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }

    /// <summary>A librarian who owned the conversation or answered in it (a transfer has several).</summary>
    public string? LibrarianId { get; init; }

    public int? QuestionTypeId { get; init; }
    public ConversationStatus? Status { get; init; }
    public int? Rating { get; init; }

    /// <summary>Part of the member number the patron gave.</summary>
    public string? MemberNumber { get; init; }

    /// <summary>Part of the patron's email address.</summary>
    public string? Email { get; init; }

    public MembershipMark? Membership { get; init; }
    public HistoryOrder Order { get; init; } = HistoryOrder.Newest;
}

public enum HistoryOrder
{
    Newest,

    /// <summary>Best full-text match first; without search words, the same as <see cref="Newest"/>.</summary>
    Relevance,
}

/// <summary>
/// Who is searching: an account the search checks for a history role. Every reader searches every line,
/// internal notes included (they are the team's: <see cref="Conversations.TranscriptAudience.Team"/>).
/// </summary>
public sealed record HistoryReader(string UserId)
{
    public static HistoryReader For(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new HistoryReader(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "");
    }
}

/// <summary>One conversation found. <see cref="Snippet"/> marks matched words with <see cref="MarkedText"/>'s markers.</summary>
public sealed record HistoryHit(
    Guid ConversationId, DateTimeOffset StartedAt, string PatronName, string? PatronEmail, string? MemberNumber,
    ConversationStatus Status, string? OwnerName, string? QuestionTypeId, string? QuestionTypeEn, int? Rating,
    MembershipMark Membership, string Snippet, int Matches)
{
    public string? QuestionTypeName(string language) =>
        language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? QuestionTypeEn : QuestionTypeId;
}

public sealed record HistoryResults(IReadOnlyList<HistoryHit> Hits, int Total);

public sealed record HistoryLibrarian(string Id, string DisplayName);

public sealed record HistoryChoices(IReadOnlyList<HistoryLibrarian> Librarians, IReadOnlyList<QuestionType> QuestionTypes);
