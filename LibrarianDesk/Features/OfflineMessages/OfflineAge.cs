using LibrarianDesk.Resources;
using Microsoft.Extensions.Localization;

namespace LibrarianDesk.Features.OfflineMessages;

/// <summary>A working-time age, roughly: "12 mnt", "5 jam", "30 jam" (working hours, so no days: a working day is not 24 of them).</summary>
public static class OfflineAge
{
    public static string Format(TimeSpan age, IStringLocalizer<DeskStrings> localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age < TimeSpan.FromHours(1) ? localizer["Offline_Age_Minutes", (int)age.TotalMinutes]
            : localizer["Offline_Age_Hours", (int)age.TotalHours];
    }
}
