using System.Globalization;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Resources;
using Microsoft.Extensions.Localization;

namespace LibrarianDesk.Features.Analytics;

/// <summary>Numbers, shares, times and changes as the page shows them, in the UI language's conventions.</summary>
public static class AnalyticsFormat
{
    public static CultureInfo Culture =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "id" ? CultureInfo.GetCultureInfo("id-ID") : CultureInfo.GetCultureInfo("en-GB");

    public const string Nothing = "—";

    public static string Count(int? value) => value is { } v ? v.ToString("N0", Culture) : Nothing;

    public static string Share(double? share) => share is { } s ? s.ToString("P1", Culture) : Nothing;

    public static string Rating(double? rating) => rating is { } r ? r.ToString("N2", Culture) : Nothing;

    public static string Hours(double seconds, IStringLocalizer<DeskStrings> localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return localizer["Analytics_HoursValue", (seconds / 3600).ToString("N1", Culture)];
    }

    public static string Duration(double? seconds, IStringLocalizer<DeskStrings> localizer) =>
        seconds is { } s ? ElapsedText.Format(TimeSpan.FromSeconds(Math.Round(s, MidpointRounding.AwayFromZero)), localizer) : Nothing;

    /// <summary>
    /// The change from the previous period as a signed percentage ("+12,5%"), or null when there is
    /// nothing to compare with (no value, or a previous value of zero).
    /// </summary>
    public static double? Change(double? current, double? previous) =>
        current is { } c && previous is { } p && p != 0 ? (c - p) / p : null;

    /// <summary>A difference of two shares in percentage points: 0.012 → "+1,2".</summary>
    public static string SignedPoints(double difference) =>
        (difference > 0 ? "+" : "") + (difference * 100).ToString("N1", Culture);

    public static string SignedShare(double change) =>
        (change > 0 ? "+" : "") + change.ToString("P1", Culture);
}
