using LibrarianDesk.Shared.Conversations;

namespace LibrarianDesk.Features.Analytics;

/// <summary>Everything the analytics page shows for one <see cref="AnalyticsQuery"/>. Times are in seconds.</summary>
public sealed record AnalyticsReport(
    AnalyticsQuery Query,
    KpiSet Current,
    KpiSet Previous,
    IReadOnlyList<DayVolume> Days,
    IReadOnlyList<HeatCell> HeatMap,
    IReadOnlyList<QuestionTypeCount> QuestionTypes,
    IReadOnlyList<ValueCount> ReadScale,
    IReadOnlyList<ValueCount> WaitBuckets,
    IReadOnlyList<ValueCount> Ratings,
    IReadOnlyList<LibrarianPerformance> Librarians)
{
    public bool IsEmpty => Current.Conversations == 0 && Current.OfflineMessages is null or 0;
}

/// <summary>
/// The headline numbers of one period. A median or average is null when nothing was measured.
/// <see cref="Unclassified"/>: ended and answered, still without a question type and READ level (they are in neither chart).
/// </summary>
public sealed record KpiSet(
    int Conversations,
    int Answered,
    int Missed,
    int? OfflineMessages,
    double? MedianWaitSeconds,
    double? P90WaitSeconds,
    double? MedianFirstResponseSeconds,
    double? MedianDurationSeconds,
    double? AverageRating,
    int Ratings,
    int VerifiedMembers,
    int Unclassified = 0)
{
    public static KpiSet Empty { get; } = new(0, 0, 0, 0, null, null, null, null, null, 0, 0, 0);

    /// <summary>Missed conversations as a share (0–1) of all conversations of the period.</summary>
    public double? MissedShare => Conversations == 0 ? null : (double)Missed / Conversations;

    /// <summary>Conversations with a verified member as a share (0–1) of all conversations of the period.</summary>
    public double? VerifiedMemberShare => Conversations == 0 ? null : (double)VerifiedMembers / Conversations;
}

/// <summary>One WIB day of the period; every day is present, with zeros when nothing happened.</summary>
public sealed record DayVolume(DateOnly Day, int Conversations, int Answered, int Missed);

/// <summary>Conversations started on a weekday (WIB) in an hour (0–23, WIB); all 7 × 24 cells are present.</summary>
public sealed record HeatCell(DayOfWeek Day, int Hour, int Conversations);

/// <summary>A question type with its count, most asked first. <see cref="QuestionTypeId"/> null: none recorded.</summary>
public sealed record QuestionTypeCount(int? QuestionTypeId, string NameId, string NameEn, int Conversations)
{
    public string NameFor(string languageCode) =>
        languageCode.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? NameEn : NameId;
}

/// <summary>A value of a distribution (READ level, wait bucket index, rating) and how often it occurs.</summary>
public sealed record ValueCount(int Value, int Count);

public sealed record LibrarianPerformance(
    string LibrarianId,
    string DisplayName,
    int Conversations,
    int Answered,
    double? MedianFirstResponseSeconds,
    double? MedianDurationSeconds,
    double? AverageRating,
    int Ratings,
    double OnlineSeconds);

/// <summary>Who and what the filters offer: librarians by id and display name, and the question types.</summary>
public sealed record AnalyticsFilterOptions(IReadOnlyList<KeyValuePair<string, string>> Librarians, IReadOnlyList<QuestionType> QuestionTypes);
