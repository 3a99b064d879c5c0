namespace LibrarianDesk.Data;

/// <summary>A desk-wide setting an administrator changes at run time (configuration holds the rest).</summary>
public sealed class DeskSetting
{
    public const string AlwaysOpen = "ServiceHours.AlwaysOpen";

    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}
