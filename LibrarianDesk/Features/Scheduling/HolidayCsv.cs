using System.Globalization;
using CsvHelper;
using LibrarianDesk.Data;
using LibrarianDesk.Shared.Scheduling;

namespace LibrarianDesk.Features.Scheduling;

/// <summary>
/// Reads a year's holidays from CSV: <c>date,name,kind</c> with dates as <c>yyyy-MM-dd</c> and kind
/// <c>national</c> (default) or <c>cuti</c>. Comma or semicolon. Every bad row is reported with its
/// line number, so the whole file can be fixed in one go; a file with any bad row imports nothing.
/// </summary>
public static class HolidayCsv
{
    public const int MaxRows = 1000;

    public static string Write(IEnumerable<Holiday> holidays)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = CsvFiles.Writer(text);
        csv.WriteField("date");
        csv.WriteField("name");
        csv.WriteField("kind");
        csv.NextRecord();
        foreach (var holiday in holidays.OrderBy(h => h.Date))
        {
            csv.WriteField(holiday.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(holiday.Name);
            csv.WriteField(holiday.Kind == HolidayKind.CollectiveLeave ? "cuti" : "national");
            csv.NextRecord();
        }

        return text.ToString();
    }

    public static HolidayCsvResult Read(TextReader reader)
    {
        using var csv = new CsvReader(reader, CsvFiles.ReaderConfiguration());
        var rows = new List<Holiday>();
        var errors = new List<HolidayCsvError>();
        var seen = new Dictionary<DateOnly, int>();

        if (!csv.Read() || !csv.ReadHeader() || !HasHeader(csv))
        {
            return new HolidayCsvResult([], [new HolidayCsvError(1, HolidayCsvError.MissingHeader, null)]);
        }

        while (csv.Read())
        {
            var line = CsvFiles.StartLine(csv.Parser);
            if (rows.Count + errors.Count >= MaxRows)
            {
                errors.Add(new HolidayCsvError(line, HolidayCsvError.TooManyRows, MaxRows.ToString(CultureInfo.InvariantCulture)));
                break;
            }

            var dateText = CsvFiles.Field(csv, "date");
            var name = CsvFiles.Field(csv, "name");
            var kindText = CsvFiles.Field(csv, "kind");
            var before = errors.Count;

            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(new HolidayCsvError(line, HolidayCsvError.BadDate, dateText));
            }
            else if (seen.TryGetValue(date, out var firstLine))
            {
                errors.Add(new HolidayCsvError(line, HolidayCsvError.DuplicateDate, firstLine.ToString(CultureInfo.InvariantCulture)));
            }

            if (name.Length == 0)
            {
                errors.Add(new HolidayCsvError(line, HolidayCsvError.MissingName, null));
            }
            else if (name.Length > Holiday.MaxNameLength)
            {
                errors.Add(new HolidayCsvError(line, HolidayCsvError.NameTooLong, Holiday.MaxNameLength.ToString(CultureInfo.InvariantCulture)));
            }

            var kind = ParseKind(kindText);
            if (kind is null)
            {
                errors.Add(new HolidayCsvError(line, HolidayCsvError.BadKind, kindText));
            }

            if (errors.Count == before)
            {
                seen[date] = line;
                rows.Add(new Holiday { Date = date, Name = name, Kind = kind!.Value });
            }
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new HolidayCsvError(2, HolidayCsvError.NoRows, null));
        }

        return new HolidayCsvResult(errors.Count == 0 ? rows : [], errors);
    }

    private static bool HasHeader(CsvReader csv) =>
        csv.HeaderRecord is { } header
        && header.Contains("date", StringComparer.OrdinalIgnoreCase)
        && header.Contains("name", StringComparer.OrdinalIgnoreCase);

    private static HolidayKind? ParseKind(string text) => text.ToUpperInvariant() switch
    {
        "" or "NATIONAL" or "LIBUR" or "LIBUR NASIONAL" => HolidayKind.NationalHoliday,
        "CUTI" or "CUTI BERSAMA" or "COLLECTIVE" or "COLLECTIVE LEAVE" => HolidayKind.CollectiveLeave,
        _ => null,
    };
}

public sealed record HolidayCsvResult(IReadOnlyList<Holiday> Rows, IReadOnlyList<HolidayCsvError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>A bad line of a holiday file: its line number, a code the page turns into a sentence, and the offending value.</summary>
public sealed record HolidayCsvError(int Line, string Code, string? Value)
{
    public const string MissingHeader = "HolidayCsv_MissingHeader";
    public const string NoRows = "HolidayCsv_NoRows";
    public const string TooManyRows = "HolidayCsv_TooManyRows";
    public const string BadDate = "HolidayCsv_BadDate";
    public const string DuplicateDate = "HolidayCsv_DuplicateDate";
    public const string MissingName = "HolidayCsv_MissingName";
    public const string NameTooLong = "HolidayCsv_NameTooLong";
    public const string BadKind = "HolidayCsv_BadKind";
}
