using System.Globalization;
using CsvHelper;
using LibrarianDesk.Data;
using LibrarianDesk.Shared.Blocking;

namespace LibrarianDesk.Features.IpBlocks;

/// <summary>
/// The block list as CSV, for moving it between desks or editing it in a spreadsheet. Writing then
/// reading gives the same blocks back. A file with any bad row imports nothing; every bad row is
/// reported with its line number.
/// </summary>
public static class IpBlockCsv
{
    public const int MaxRows = 10_000;
    private static readonly string[] Columns = ["range", "reason", "expires_at", "created_at", "created_by", "automatic", "hits", "last_hit_at"];

    public static string Write(IEnumerable<IpBlock> blocks)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = CsvFiles.Writer(text);
        foreach (var column in Columns)
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
        foreach (var block in blocks.OrderBy(b => b.CreatedAt))
        {
            csv.WriteField(block.Range);
            csv.WriteField(block.Reason);
            csv.WriteField(Instant(block.ExpiresAt));
            csv.WriteField(Instant(block.CreatedAt));
            csv.WriteField(block.CreatedBy);
            csv.WriteField(block.IsAutomatic ? "true" : "false");
            csv.WriteField(block.Hits.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(Instant(block.LastHitAt));
            csv.NextRecord();
        }

        return text.ToString();
    }

    public static IpBlockCsvResult Read(TextReader reader)
    {
        using var csv = new CsvReader(reader, CsvFiles.ReaderConfiguration());
        var rows = new List<IpBlock>();
        var errors = new List<IpBlockCsvError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header
            || !header.Contains("range", StringComparer.OrdinalIgnoreCase) || !header.Contains("reason", StringComparer.OrdinalIgnoreCase))
        {
            return new IpBlockCsvResult([], [new IpBlockCsvError(1, IpBlockCsvError.MissingHeader, null)]);
        }

        while (csv.Read())
        {
            var line = CsvFiles.StartLine(csv.Parser);
            if (rows.Count + errors.Count >= MaxRows)
            {
                errors.Add(new IpBlockCsvError(line, IpBlockCsvError.TooManyRows, MaxRows.ToString(CultureInfo.InvariantCulture)));
                break;
            }

            var before = errors.Count;
            var rangeText = CsvFiles.Field(csv, "range");
            var reason = CsvFiles.Field(csv, "reason");
            IpRange? range = null;
            if (!IpRange.TryParse(rangeText, out range, out var rangeError))
            {
                errors.Add(new IpBlockCsvError(line, $"IpRange_{rangeError}", rangeText));
            }
            else if (range.CoversEverything)
            {
                errors.Add(new IpBlockCsvError(line, IpBlockCsvError.CoversEveryone, rangeText));
            }
            else if (seen.TryGetValue(range.ToString(), out var firstLine))
            {
                errors.Add(new IpBlockCsvError(line, IpBlockCsvError.Duplicate, firstLine.ToString(CultureInfo.InvariantCulture)));
            }

            if (reason.Length == 0 || reason.Length > IpBlock.MaxReasonLength)
            {
                errors.Add(new IpBlockCsvError(line, IpBlockCsvError.BadReason, null));
            }

            var expiresAt = OptionalInstant(csv, "expires_at", line, errors);
            var createdAt = OptionalInstant(csv, "created_at", line, errors);
            var lastHitAt = OptionalInstant(csv, "last_hit_at", line, errors);
            var hitsText = CsvFiles.Field(csv, "hits");
            var hits = 0;
            if (hitsText.Length > 0 && !int.TryParse(hitsText, NumberStyles.None, CultureInfo.InvariantCulture, out hits))
            {
                errors.Add(new IpBlockCsvError(line, IpBlockCsvError.BadNumber, hitsText));
            }

            if (errors.Count == before)
            {
                seen[range!.ToString()] = line;
                rows.Add(new IpBlock
                {
                    Range = range.ToString(),
                    Reason = reason,
                    ExpiresAt = expiresAt,
                    CreatedAt = createdAt ?? default,
                    CreatedBy = CsvFiles.Field(csv, "created_by"),
                    IsAutomatic = string.Equals(CsvFiles.Field(csv, "automatic"), "true", StringComparison.OrdinalIgnoreCase),
                    Hits = hits,
                    LastHitAt = lastHitAt,
                });
            }
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new IpBlockCsvError(2, IpBlockCsvError.NoRows, null));
        }

        return new IpBlockCsvResult(errors.Count == 0 ? rows : [], errors);
    }

    private static DateTimeOffset? OptionalInstant(CsvReader csv, string name, int line, List<IpBlockCsvError> errors)
    {
        var text = CsvFiles.Field(csv, name);
        if (text.Length == 0)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.ToUniversalTime();
        }

        errors.Add(new IpBlockCsvError(line, IpBlockCsvError.BadDate, text));
        return null;
    }

    private static string Instant(DateTimeOffset? instant) =>
        instant?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? "";
}

public sealed record IpBlockCsvResult(IReadOnlyList<IpBlock> Rows, IReadOnlyList<IpBlockCsvError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>A bad line of an IP block file: line number, a code the page turns into a sentence, the offending value.</summary>
public sealed record IpBlockCsvError(int Line, string Code, string? Value)
{
    public const string MissingHeader = "IpBlockCsv_MissingHeader";
    public const string NoRows = "IpBlockCsv_NoRows";
    public const string TooManyRows = "IpBlockCsv_TooManyRows";
    public const string CoversEveryone = "IpBlockCsv_CoversEveryone";
    public const string Duplicate = "IpBlockCsv_Duplicate";
    public const string BadReason = "IpBlockCsv_BadReason";
    public const string BadDate = "IpBlockCsv_BadDate";
    public const string BadNumber = "IpBlockCsv_BadNumber";
}
