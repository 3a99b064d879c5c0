using LibrarianDesk.Resources;
using Microsoft.Extensions.Localization;

namespace LibrarianDesk.Features.Queue;

/// <summary>How long someone has waited, in the UI language: "45 dtk", "2 mnt 05 dtk", "1 jam 03 mnt".</summary>
public static class ElapsedText
{
    public static string Format(TimeSpan elapsed, IStringLocalizer<DeskStrings> localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        if (elapsed < TimeSpan.Zero)
        {
            elapsed = TimeSpan.Zero;
        }

        if (elapsed < TimeSpan.FromMinutes(1))
        {
            return localizer["Queue_Elapsed_Seconds", elapsed.Seconds];
        }

        return elapsed < TimeSpan.FromHours(1)
            ? localizer["Queue_Elapsed_MinutesSeconds", elapsed.Minutes, elapsed.Seconds]
            : localizer["Queue_Elapsed_HoursMinutes", (int)elapsed.TotalHours, elapsed.Minutes];
    }
}
