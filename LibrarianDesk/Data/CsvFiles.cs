using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace LibrarianDesk.Data;

/// <summary>
/// How the desk writes its CSV exports and reads the CSV files people bring (members, holidays, IP
/// blocks): safe to open in a spreadsheet, forgiving in form, exact in line numbers.
/// </summary>
public static class CsvFiles
{
    /// <summary>The quote a spreadsheet reads as "this cell is text" (OWASP's advice for CSV injection).</summary>
    public const char EscapeCharacter = '\'';

    /// <summary>
    /// What a spreadsheet may read as the start of a formula (OWASP's list), plus the escape itself:
    /// a value that already begins with a quote gets one more, so reading strips exactly one and every
    /// value comes back as it was (<c>'=1</c> is written <c>''=1</c>, <c>'Abdullah</c> is <c>''Abdullah</c>).
    /// </summary>
    private static readonly char[] EscapedStarts = ['=', '+', '-', '@', '\t', '\r', EscapeCharacter];

    /// <summary>Every export: CsvHelper's own injection escape, so a cell such as <c>=HYPERLINK(…)</c> is text, not a formula.</summary>
    public static CsvConfiguration WriterConfiguration() => new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = EscapedStarts,
        InjectionEscapeCharacter = EscapeCharacter,
    };

    /// <summary>A writer over <paramref name="text"/> with <see cref="WriterConfiguration"/>.</summary>
    public static CsvWriter Writer(TextWriter text) => new(text, WriterConfiguration());

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

    /// <summary>A cell by column name, its export escape removed; empty when the column or the cell is missing.</summary>
    public static string Field(CsvReader csv, string name)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return Unescape(csv.TryGetField<string>(name, out var value) ? value ?? "" : "");
    }

    /// <summary>A cell by zero-based column, trimmed, its export escape removed; empty when the cell is missing.</summary>
    public static string Field(CsvReader csv, int index)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return Unescape(csv.TryGetField<string>(index, out var value) ? value?.Trim() ?? "" : "");
    }

    /// <summary>
    /// Undoes the export escape: one leading quote goes only when what follows starts with a character
    /// the writer escapes; any other leading quote (<c>'Abdullah</c> from another system) is the value's own.
    /// </summary>
    public static string Unescape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 1 && value[0] == EscapeCharacter && EscapedStarts.Contains(value[1]) ? value[1..] : value;
    }
}
