namespace LibrarianDesk.Features.Analytics;

/// <summary>The period presets of the analytics page, as WIB days counted back from today (today included).</summary>
public enum PeriodPreset
{
    Today,
    Last7Days,
    Last30Days,
    ThisMonth,
    Custom,
}

public static class AnalyticsPeriod
{
    /// <summary>The first and last WIB day of a preset; <see cref="PeriodPreset.Custom"/> has no days of its own.</summary>
    public static (DateOnly From, DateOnly To) For(PeriodPreset preset, DateOnly today) => preset switch
    {
        PeriodPreset.Today => (today, today),
        PeriodPreset.Last7Days => (today.AddDays(-6), today),
        PeriodPreset.Last30Days => (today.AddDays(-29), today),
        PeriodPreset.ThisMonth => (new DateOnly(today.Year, today.Month, 1), today),
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "A custom period is chosen by its dates."),
    };
}
