using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Data;

/// <summary>A desk-wide setting an administrator changes at run time (configuration holds the rest).</summary>
public sealed class DeskSetting
{
    public const string AlwaysOpen = "ServiceHours.AlwaysOpen";

    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

public static class DeskSettingsExtensions
{
    /// <summary>
    /// Gives <paramref name="key"/> the value <paramref name="value"/> in the context, adding its row when it has none:
    /// how every writer of a setting stores it. The caller saves.
    /// </summary>
    public static async Task<DeskSetting> SetAsync(this DbSet<DeskSetting> settings, string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var setting = await settings.FindAsync([key], cancellationToken);
        if (setting is null)
        {
            setting = new DeskSetting { Key = key };
            settings.Add(setting);
        }

        setting.Value = value;
        return setting;
    }
}
