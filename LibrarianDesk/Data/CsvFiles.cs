using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace LibrarianDesk.Data;

/// <summary>How the desk reads the CSV files people bring (holidays, IP blocks): forgiving in form, exact in line numbers.</summary>
public static class CsvFiles
{
    /// <summary>Comma or semicolon (spreadsheets in Indonesia often write semicolons), trimmed cells, headers in any case.</summary>
    public static CsvConfiguration ReaderConfiguration() => new(CultureInfo.InvariantCulture)
    {
        DetectDelimiter = true,
        DetectDelimiterValues = [",", ";"],
        TrimOptions = TrimOptions.Trim,
        IgnoreBlankLines = true,
        BadDataFound = null,
        MissingFieldFound = null,
        PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
    };

    /// <summary>The line a record starts on, as an editor counts: a quoted value may span several lines.</summary>
    public static int StartLine(IParser parser)
    {
        ArgumentNullException.ThrowIfNull(parser);
        return parser.RawRow - parser.RawRecord.TrimEnd('\r', '\n').Count(c => c == '\n');
    }

    /// <summary>A cell by column name, or empty when the column or the cell is missing.</summary>
    public static string Field(CsvReader csv, string name)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return csv.TryGetField<string>(name, out var value) ? value ?? "" : "";
    }
}
