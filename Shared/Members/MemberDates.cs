using System.Globalization;

namespace LibrarianDesk.Shared.Members;

/// <summary>Dates as librarians and the membership export write them: <c>31/01/1990</c>, <c>31-01-1990</c> or <c>1990-01-31</c>.</summary>
public static class MemberDates
{
    private static readonly string[] Formats = ["dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "d-M-yyyy", "yyyy-MM-dd", "dd.MM.yyyy"];

    /// <summary>False for text that is no date, or a date that does not exist (31 February).</summary>
    public static bool TryParse(string? text, out DateOnly date)
    {
        date = default;
        return !string.IsNullOrWhiteSpace(text)
            && DateOnly.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    public static string Format(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>For lists: only the year shows, <c>••/••/1990</c>.</summary>
    public static string MaskBirthDate(DateOnly date) => "••/••/" + date.Year.ToString("D4", CultureInfo.InvariantCulture);
}
