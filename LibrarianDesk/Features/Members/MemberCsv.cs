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

    /// <summary>Each column the desk reads, with the header names it accepts (the first is what export writes).</summary>
    private static readonly (string Column, string[] Names, bool Required)[] Columns =
    [
        (Number, ["member_number", "nomor_anggota", "no_anggota", "member number", "nomor anggota"], true),
        (Name, ["full_name", "nama_lengkap", "nama", "name", "full name", "nama lengkap"], true),
        (Email, ["email", "surel", "e-mail"], false),
        (Phone, ["phone", "telepon", "no_hp", "nomor_hp", "hp"], false),
        (BirthDate, ["birth_date", "tanggal_lahir", "tgl_lahir", "birth date", "tanggal lahir"], true),
        (Type, ["member_type", "jenis_anggota", "type", "jenis"], false),
        (Status, ["status"], false),
        (Registered, ["registered_on", "tanggal_daftar", "tgl_daftar", "registered"], false),
        (Expires, ["expires_on", "berlaku_sampai", "tgl_kedaluwarsa", "expires"], true),
    ];

    private const string Number = "member_number";
    private const string Name = "full_name";
    private const string Email = "email";
    private const string Phone = "phone";
    private const string BirthDate = "birth_date";
    private const string Type = "member_type";
    private const string Status = "status";
    private const string Registered = "registered_on";
    private const string Expires = "expires_on";

    /// <summary>Reads bytes as strict UTF-8 (a byte-order mark is fine): a file in another encoding is refused as a whole.</summary>
    public static MemberCsvResult Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            return Read(reader);
        }
        catch (DecoderFallbackException)
        {
            return new MemberCsvResult([], [new MemberCsvError(1, MemberCsvError.NotUtf8, null)]);
        }
    }

    public static MemberCsvResult Read(TextReader reader)
    {
        using var csv = new CsvReader(reader, CsvFiles.ReaderConfiguration());
        var rows = new List<MemberCsvRow>();
        var errors = new List<MemberCsvError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);

        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            return new MemberCsvResult([], [new MemberCsvError(1, MemberCsvError.MissingColumns, string.Join(", ", Columns.Where(c => c.Required).Select(c => c.Column)))]);
        }

        var mapping = MapColumns(header);
        var missing = Columns.Where(c => c.Required && !mapping.ContainsKey(c.Column)).Select(c => c.Column).ToList();
        if (missing.Count > 0)
        {
            return new MemberCsvResult([], [new MemberCsvError(1, MemberCsvError.MissingColumns, string.Join(", ", missing))]);
        }

        string Cell(string column) => mapping.TryGetValue(column, out var index) && csv.TryGetField<string>(index, out var value) ? value?.Trim() ?? "" : "";

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

    public static string Write(IEnumerable<Member> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = new CsvWriter(text, CultureInfo.InvariantCulture);
        foreach (var (column, _, _) in Columns)
        {
            csv.WriteField(column);
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

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, int> MapColumns(string[] header)
    {
        var mapping = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().ToLowerInvariant();
            foreach (var (column, names, _) in Columns)
            {
                if (names.Contains(name, StringComparer.Ordinal))
                {
                    mapping.TryAdd(column, i);
                }
            }
        }

        return mapping;
    }

    private static MemberCsvRow? ReadRow(int line, Func<string, string> cell, List<MemberCsvError> errors)
    {
        var before = errors.Count;
        void Reject(string code, string? value) => errors.Add(new MemberCsvError(line, code, value));

        var number = cell(Number).ToUpperInvariant();
        if (number.Length == 0)
        {
            Reject(MemberCsvError.MissingNumber, null);
        }
        else if (number.Length > Member.MaxMemberNumberLength)
        {
            Reject(MemberCsvError.TooLong, Number);
        }

        var name = cell(Name);
        if (name.Length == 0)
        {
            Reject(MemberCsvError.MissingName, null);
        }
        else if (name.Length > Member.MaxNameLength)
        {
            Reject(MemberCsvError.TooLong, Name);
        }

        var email = cell(Email).ToLowerInvariant();
        if (email.Length > Member.MaxEmailLength || (email.Length > 0 && !email.Contains('@', StringComparison.Ordinal)))
        {
            Reject(MemberCsvError.BadEmail, email);
        }

        var phoneText = cell(Phone);
        var phone = PhoneNumbers.Normalise(phoneText);
        if (phoneText.Length > 0 && phone is null)
        {
            Reject(MemberCsvError.BadPhone, phoneText);
        }

        var birth = RequiredDate(cell(BirthDate), Reject);
        var expires = RequiredDate(cell(Expires), Reject);
        var registeredText = cell(Registered);
        DateOnly registered = default;
        if (registeredText.Length > 0 && !MemberDates.TryParse(registeredText, out registered))
        {
            Reject(MemberCsvError.BadDate, registeredText);
        }

        var typeText = cell(Type);
        var type = ParseType(typeText);
        if (type is null)
        {
            Reject(MemberCsvError.BadType, typeText);
        }

        var statusText = cell(Status);
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

/// <summary>A valid row of the export, already normalised (upper-case number, lower-case email, +62 phone).</summary>
public sealed record MemberCsvRow(
    int Line, string MemberNumber, string FullName, string? Email, string? Phone, DateOnly BirthDate,
    MemberType Type, MemberStatus Status, DateOnly RegisteredOn, DateOnly ExpiresOn);

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
