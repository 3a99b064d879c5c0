using LibrarianDesk.Shared.Scheduling;

namespace LibrarianDesk.Features.Analytics;

/// <summary>
/// What a report covers: the WIB days <see cref="From"/> to <see cref="To"/> (both included) and the
/// filters. A conversation belongs to the day its first patron message arrived (docs/metrics.md).
/// </summary>
public sealed record AnalyticsQuery(
    DateOnly From,
    DateOnly To,
    string? LibrarianId = null,
    int? QuestionTypeId = null,
    MembershipFilter Membership = MembershipFilter.All,
    TimeBasis Basis = TimeBasis.WallClock)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The period of equal length just before this one, for the change shown on every KPI.</summary>
    public DateOnly PreviousFrom => From.AddDays(-Days);

    public DateOnly PreviousTo => From.AddDays(-1);

    public DateTimeOffset Start => Wib.At(From, TimeOnly.MinValue);

    /// <summary>Midnight WIB after the last day: the period is [<see cref="Start"/>, <see cref="End"/>).</summary>
    public DateTimeOffset End => Wib.At(To.AddDays(1), TimeOnly.MinValue);

    public DateTimeOffset PreviousStart => Wib.At(PreviousFrom, TimeOnly.MinValue);

    /// <exception cref="ArgumentException">When the period ends before it starts.</exception>
    public void Validate()
    {
        if (To < From)
        {
            throw new ArgumentException("The period ends before it starts.", nameof(To));
        }
    }
}

/// <summary>Conversations of verified members, of everyone else, or all.</summary>
public enum MembershipFilter
{
    All,

    /// <summary>A librarian verified the patron as a member.</summary>
    Members,

    /// <summary>Not verified as a member: not a member, could not verify, or not checked.</summary>
    NonMembers,
}

/// <summary>Which clock the time metrics use.</summary>
public enum TimeBasis
{
    WallClock,

    /// <summary>Only the time the desk was open counts (nights, closed days and holidays left out).</summary>
    ServiceHours,
}
