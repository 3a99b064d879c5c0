using System.Globalization;
using System.Text;
using CsvHelper;
using LibrarianDesk.Data;
using LibrarianDesk.Shared.Members;

namespace LibrarianDesk.Features.Members;

/// <summary>
/// Reads the membership system's CSV export: one row per member, columns found by name (English or
/// Indonesian headers, any case, comma or semicolon). Every bad row is reported with its line number
/// and reason; the import applies only a file without any.
/// </summary>
public static class MemberCsv
{
    public const int MaxRows = 500_000;

    /// <summary>Each field the desk reads, with the header names it recognises by itself (the first is what export writes).</summary>
    public static IReadOnlyList<MemberCsvField> Fields { get; } =
    [
        new(MemberField.MemberNumber, ["member_number", "nomor_anggota", "no_anggota", "member number", "nomor anggota"], true),
        new(MemberField.FullName, ["full_name", "nama_lengkap", "nama", "name", "full name", "nama lengkap"], true),
        new(MemberField.Email, ["email", "surel", "e-mail"], false),
        new(MemberField.Phone, ["phone", "telepon", "no_hp", "nomor_hp", "hp"], false),
        new(MemberField.BirthDate, ["birth_date", "tanggal_lahir", "tgl_lahir", "birth date", "tanggal lahir"], true),
        new(MemberField.MemberType, ["member_type", "jenis_anggota", "type", "jenis"], false),
        new(MemberField.Status, ["status"], false),
        new(MemberField.RegisteredOn, ["registered_on", "tanggal_daftar", "tgl_daftar", "registered"], false),
        new(MemberField.ExpiresOn, ["expires_on", "berlaku_sampai", "tgl_kedaluwarsa", "expires"], true),
    ];

    /// <summary>
    /// The file's header row, a sample of its first data row and the columns the desk recognised, so
    /// a person can check and correct the mapping before anything is read in full.
    /// </summary>
    public static MemberCsvHeader ReadHeader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Strict(stream, reader =>
        {
            using var csv = new CsvReader(reader, CsvFiles.ReaderConfiguration());
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
            {
                return new MemberCsvHeader([], [], new Dictionary<MemberField, int>(), new MemberCsvError(1, MemberCsvError.NoRows, null));
            }

            var sample = csv.Read() ? Enumerable.Range(0, header.Length).Select(i => CsvFiles.Field(csv, i)).ToArray() : [];
            return new MemberCsvHeader(header, sample, GuessMapping(header), null);
        }, error => new MemberCsvHeader([], [], new Dictionary<MemberField, int>(), error));
    }

    /// <summary>Reads bytes as strict UTF-8 (a byte-order mark is fine): a file in another encoding is refused as a whole.</summary>
    public static MemberCsvResult Read(Stream stream, IReadOnlyDictionary<MemberField, int>? mapping = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Strict(stream, reader => Read(reader, mapping), error => new MemberCsvResult([], [error]));
    }

    /// <summary>
    /// Reads every row. Columns come from <paramref name="mapping"/> (field → zero-based column) when
    /// given, else from the header names the desk recognises.
    /// </summary>
    public static MemberCsvResult Read(TextReader reader, IReadOnlyDictionary<MemberField, int>? mapping = null)
    {
        using var csv = new CsvReader(reader, CsvFiles.ReaderConfiguration());
        var rows = new List<MemberCsvRow>();
        var errors = new List<MemberCsvError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);

        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            return new MemberCsvResult([], [new MemberCsvError(1, MemberCsvError.MissingColumns, ExportNames(Fields.Where(f => f.Required)))]);
        }

        mapping ??= GuessMapping(header);
        var missing = Fields.Where(f => f.Required && !(mapping.TryGetValue(f.Field, out var i) && i >= 0 && i < header.Length)).ToList();
        if (missing.Count > 0)
        {
            return new MemberCsvResult([], [new MemberCsvError(1, MemberCsvError.MissingColumns, ExportNames(missing))]);
        }

        string Cell(MemberField field) => mapping.TryGetValue(field, out var index) ? CsvFiles.Field(csv, index) : "";

        while (csv.Read())
        {
            var line = CsvFiles.StartLine(csv.Parser);
            if (rows.Count + errors.Count >= MaxRows)
            {
                errors.Add(new MemberCsvError(line, MemberCsvError.TooManyRows, MaxRows.ToString(CultureInfo.InvariantCulture)));
                break;
            }

            var row = ReadRow(line, Cell, errors);
            if (row is null)
            {
                continue;
            }

            if (seen.TryGetValue(row.MemberNumber, out var firstLine))
            {
                errors.Add(new MemberCsvError(line, MemberCsvError.DuplicateNumber, firstLine.ToString(CultureInfo.InvariantCulture)));
                continue;
            }

            seen[row.MemberNumber] = line;
            rows.Add(row);
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new MemberCsvError(2, MemberCsvError.NoRows, null));
        }

        return new MemberCsvResult(rows, errors);
    }

    /// <summary>The columns whose header names the desk recognises; the first column wins when two match.</summary>
    public static IReadOnlyDictionary<MemberField, int> GuessMapping(IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var mapping = new Dictionary<MemberField, int>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().ToLowerInvariant();
            foreach (var field in Fields.Where(f => f.Names.Contains(name, StringComparer.Ordinal)))
            {
                mapping.TryAdd(field.Field, i);
            }
        }

        return mapping;
    }

    private static string ExportNames(IEnumerable<MemberCsvField> fields) => string.Join(", ", fields.Select(f => f.ExportName));

    private static T Strict<T>(Stream stream, Func<TextReader, T> read, Func<MemberCsvError, T> notUtf8)
    {
        try
        {
            using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            return read(reader);
        }
        catch (DecoderFallbackException)
        {
            return notUtf8(new MemberCsvError(1, MemberCsvError.NotUtf8, null));
        }
    }

    public static string Write(IEnumerable<Member> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = CsvFiles.Writer(text);
        foreach (var field in Fields)
        {
            csv.WriteField(field.ExportName);
        }

        csv.NextRecord();
        foreach (var m in members)
        {
            csv.WriteField(m.MemberNumber);
            csv.WriteField(m.FullName);
            csv.WriteField(m.Email ?? "");
            csv.WriteField(m.Phone ?? "");
            csv.WriteField(Iso(m.BirthDate));
            csv.WriteField(m.Type.ToString().ToLowerInvariant());
            csv.WriteField(m.Status.ToString().ToLowerInvariant());
            csv.WriteField(Iso(m.RegisteredOn));
            csv.WriteField(Iso(m.ExpiresOn));
            csv.NextRecord();
        }

        return text.ToString();
    }

    private static string ExportName(MemberField field) => Fields.Single(f => f.Field == field).ExportName;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static MemberCsvRow? ReadRow(int line, Func<MemberField, string> cell, List<MemberCsvError> errors)
    {
        var before = errors.Count;
        void Reject(string code, string? value) => errors.Add(new MemberCsvError(line, code, value));

        var number = MemberService.NormaliseNumber(cell(MemberField.MemberNumber));
        if (number.Length == 0)
        {
            Reject(MemberCsvError.MissingNumber, null);
        }
        else if (number.Length > Member.MaxMemberNumberLength)
        {
            Reject(MemberCsvError.TooLong, ExportName(MemberField.MemberNumber));
        }

        var name = cell(MemberField.FullName);
        if (name.Length == 0)
        {
            Reject(MemberCsvError.MissingName, null);
        }
        else if (name.Length > Member.MaxNameLength)
        {
            Reject(MemberCsvError.TooLong, ExportName(MemberField.FullName));
        }

        var email = cell(MemberField.Email).ToLowerInvariant();
        if (email.Length > Member.MaxEmailLength || (email.Length > 0 && !email.Contains('@', StringComparison.Ordinal)))
        {
            Reject(MemberCsvError.BadEmail, email);
        }

        var phoneText = cell(MemberField.Phone);
        var phone = PhoneNumbers.Normalise(phoneText);
        if (phoneText.Length > 0 && phone is null)
        {
            Reject(MemberCsvError.BadPhone, phoneText);
        }

        var birth = RequiredDate(cell(MemberField.BirthDate), Reject);
        var expires = RequiredDate(cell(MemberField.ExpiresOn), Reject);
        var registeredText = cell(MemberField.RegisteredOn);
        DateOnly registered = default;
        if (registeredText.Length > 0 && !MemberDates.TryParse(registeredText, out registered))
        {
            Reject(MemberCsvError.BadDate, registeredText);
        }

        var typeText = cell(MemberField.MemberType);
        var type = ParseType(typeText);
        if (type is null)
        {
            Reject(MemberCsvError.BadType, typeText);
        }

        var statusText = cell(MemberField.Status);
        var status = ParseStatus(statusText);
        if (status is null)
        {
            Reject(MemberCsvError.BadStatus, statusText);
        }

        if (errors.Count != before)
        {
            return null;
        }

        return new MemberCsvRow(line, number, name, email.Length == 0 ? null : email, phone, birth, type!.Value, status!.Value,
            registeredText.Length == 0 ? expires.AddYears(-5) : registered, expires);
    }

    private static DateOnly RequiredDate(string text, Action<string, string?> reject)
    {
        if (text.Length == 0)
        {
            reject(MemberCsvError.MissingDate, null);
            return default;
        }

        if (!MemberDates.TryParse(text, out var date))
        {
            reject(MemberCsvError.BadDate, text);
        }

        return date;
    }

    private static MemberType? ParseType(string text) => text.ToUpperInvariant() switch
    {
        "" or "GENERAL" or "UMUM" => MemberType.General,
        "STUDENT" or "PELAJAR" or "MAHASISWA" or "PELAJAR/MAHASISWA" => MemberType.Student,
        "RESEARCHER" or "PENELITI" => MemberType.Researcher,
        "CHILD" or "ANAK" or "ANAK-ANAK" => MemberType.Child,
        "SENIOR" or "LANSIA" => MemberType.Senior,
        _ => null,
    };

    private static MemberStatus? ParseStatus(string text) => text.ToUpperInvariant() switch
    {
        "" or "ACTIVE" or "AKTIF" => MemberStatus.Active,
        "EXPIRED" or "KEDALUWARSA" or "KADALUARSA" or "KEDALUARSA" => MemberStatus.Expired,
        "SUSPENDED" or "DIBEKUKAN" or "DITANGGUHKAN" => MemberStatus.Suspended,
        _ => null,
    };
}

/// <summary>What the desk stores of a member, each read from one column of the file.</summary>
public enum MemberField
{
    MemberNumber,
    FullName,
    Email,
    Phone,
    BirthDate,
    MemberType,
    Status,
    RegisteredOn,
    ExpiresOn,
}

/// <summary>A field of the import: the header names recognised without help, and whether a file must have it.</summary>
public sealed record MemberCsvField(MemberField Field, IReadOnlyList<string> Names, bool Required)
{
    /// <summary>The header export writes.</summary>
    public string ExportName => Names[0];
}

/// <summary>The header row, the first data row beside it, and the mapping the desk proposes; or why the file can't be read.</summary>
public sealed record MemberCsvHeader(
    IReadOnlyList<string> Columns, IReadOnlyList<string> Sample, IReadOnlyDictionary<MemberField, int> Mapping, MemberCsvError? Error);

/// <summary>A valid row of the export, already normalised (upper-case number, lower-case email, +62 phone).</summary>
public sealed record MemberCsvRow(
    int Line, string MemberNumber, string FullName, string? Email, string? Phone, DateOnly BirthDate,
    MemberType Type, MemberStatus Status, DateOnly RegisteredOn, DateOnly ExpiresOn)
{
    /// <summary>Overwrites the record with this row (the member number stays: it is the key).</summary>
    public void CopyTo(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        member.FullName = FullName;
        member.Email = Email;
        member.Phone = Phone;
        member.BirthDate = BirthDate;
        member.Type = Type;
        member.Status = Status;
        member.RegisteredOn = RegisteredOn;
        member.ExpiresOn = ExpiresOn;
    }
}

public sealed record MemberCsvResult(IReadOnlyList<MemberCsvRow> Rows, IReadOnlyList<MemberCsvError> Errors)
{
    public bool IsValid => Errors.Count == 0 && Rows.Count > 0;
}

/// <summary>A rejected line: its number, a code the page turns into a sentence, and the offending value.</summary>
public sealed record MemberCsvError(int Line, string Code, string? Value)
{
    public const string NotUtf8 = "Members_Csv_NotUtf8";
    public const string MissingColumns = "Members_Csv_MissingColumns";
    public const string NoRows = "Members_Csv_NoRows";
    public const string TooManyRows = "Members_Csv_TooManyRows";
    public const string MissingNumber = "Members_Csv_MissingNumber";
    public const string DuplicateNumber = "Members_Csv_DuplicateNumber";
    public const string MissingName = "Members_Csv_MissingName";
    public const string TooLong = "Members_Csv_TooLong";
    public const string BadEmail = "Members_Csv_BadEmail";
    public const string BadPhone = "Members_Csv_BadPhone";
    public const string MissingDate = "Members_Csv_MissingDate";
    public const string BadDate = "Members_Csv_BadDate";
    public const string BadType = "Members_Csv_BadType";
    public const string BadStatus = "Members_Csv_BadStatus";
}
