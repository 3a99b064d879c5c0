using System.Globalization;
using LibrarianDesk.Shared.Scheduling;

namespace LibrarianDesk.Components;

/// <summary>Every time the desk shows is WIB, written the way each UI language writes it.</summary>
public static class WibTime
{
    /// <summary>"Sen, 28 Des 2026 14.05 WIB" in Indonesian, "Mon 28 Dec 2026 14:05 WIB" in English.</summary>
    public static string Format(DateTimeOffset instant, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        var wib = Wib.ToWib(instant);
        var pattern = IsIndonesian(culture) ? "ddd, d MMM yyyy HH.mm" : "ddd d MMM yyyy HH:mm";
        return wib.ToString(pattern, Formatting(culture)) + " WIB";
    }

    /// <summary>The date alone: "Sen, 28 Des 2026" / "Mon 28 Dec 2026".</summary>
    public static string FormatDate(DateOnly date, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        var pattern = IsIndonesian(culture) ? "ddd, d MMM yyyy" : "ddd d MMM yyyy";
        return date.ToString(pattern, Formatting(culture));
    }

    /// <summary>A clock time: "14.05" / "14:05".</summary>
    public static string FormatTime(TimeOnly time, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        return time.ToString(IsIndonesian(culture) ? "HH.mm" : "HH:mm", Formatting(culture));
    }

    private static bool IsIndonesian(CultureInfo culture) => culture.TwoLetterISOLanguageName == "id";

    // "en" alone would format month names fine, but en-GB gives the day-month order the desk uses.
    private static CultureInfo Formatting(CultureInfo culture) =>
        IsIndonesian(culture) ? CultureInfo.GetCultureInfo("id-ID") : CultureInfo.GetCultureInfo("en-GB");
}
