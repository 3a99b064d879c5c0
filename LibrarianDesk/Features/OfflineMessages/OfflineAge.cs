using LibrarianDesk.Resources;
using Microsoft.Extensions.Localization;

namespace LibrarianDesk.Features.OfflineMessages;

/// <summary>How long a message has waited, roughly: "12 mnt", "5 jam", "2 hari 3 jam".</summary>
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
            : age < TimeSpan.FromDays(1) ? localizer["Offline_Age_Hours", (int)age.TotalHours]
            : localizer["Offline_Age_Days", (int)age.TotalDays, age.Hours];
    }
}
