using System.Globalization;
using System.Text;
using LibrarianDesk.Bench.Measuring;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Members;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Members;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// Issue 6: a 100,000-row membership export imported through <see cref="MemberService.ApplyImportAsync"/>,
/// against the same parsed rows written by one prepared upsert in one transaction. Both parse the
/// file with <see cref="MemberCsv.Read(Stream)"/>, so the ratio is about the writing.
/// </summary>
public sealed class MemberImportMeasurement : IDataScaleMeasurement
{
    public string Name => "member CSV import (parse + apply)";

    public async Task<IReadOnlyList<DataScaleResult>> MeasureAsync(DataScaleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var csv = Encoding.UTF8.GetBytes(MemberCsv.Write(GeneratedMembers.Create(context.Size.Members)));
        var service = context.Desk.Service<MemberService>();
        MemberImportPlan plan = default!;
        var desk = await Timed.RunAsync(async () =>
            plan = await service.ApplyImportAsync(AuditActor.System, MemberCsv.Read(new MemoryStream(csv)), cancellationToken: cancellationToken));
        var afterDesk = await CountAsync(context);

        await ClearAsync(context);
        var sql = await Timed.RunAsync(() => RawImportAsync(context.Desk.DatabasePath, MemberCsv.Read(new MemoryStream(csv)), cancellationToken));
        var afterSql = await CountAsync(context);
        context.SameAnswer($"member import: both add all {context.Size.Members:N0} rows",
            plan.Applied && afterDesk == context.Size.Members && afterSql == context.Size.Members,
            string.Create(CultureInfo.InvariantCulture, $"desk applied {plan.Applied} ({plan.ToAdd} added, {plan.Rejected.Count} rejected, {afterDesk} stored); SQL {afterSql} stored"));
        return [new DataScaleResult(string.Create(CultureInfo.InvariantCulture, $"{context.Size.Members:N0} rows"), desk, sql, HasGoal: false)];
    }

    private static async Task<int> CountAsync(DataScaleContext context)
    {
        await using var db = context.Desk.CreateDbContext();
        return await db.Members.CountAsync();
    }

    private static async Task ClearAsync(DataScaleContext context)
    {
        await using var db = context.Desk.CreateDbContext();
        await db.Members.ExecuteDeleteAsync();
    }

    private static async Task RawImportAsync(string databasePath, MemberCsvResult file, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction();
        await using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO Members (MemberNumber, FullName, SearchName, Email, Phone, BirthDate, Type, Status, RegisteredOn, ExpiresOn)
            VALUES ($number, $name, $search, $email, $phone, $birth, $type, $status, $registered, $expires)
            ON CONFLICT (MemberNumber) DO UPDATE SET FullName = excluded.FullName, SearchName = excluded.SearchName, Email = excluded.Email,
                Phone = excluded.Phone, BirthDate = excluded.BirthDate, Type = excluded.Type, Status = excluded.Status,
                RegisteredOn = excluded.RegisteredOn, ExpiresOn = excluded.ExpiresOn
            """;
        var p = upsert.Parameters;
        var (number, name, search, email, phone) = (p.Add("$number", SqliteType.Text), p.Add("$name", SqliteType.Text), p.Add("$search", SqliteType.Text),
            p.Add("$email", SqliteType.Text), p.Add("$phone", SqliteType.Text));
        var (birth, type, status, registered, expires) = (p.Add("$birth", SqliteType.Text), p.Add("$type", SqliteType.Integer), p.Add("$status", SqliteType.Integer),
            p.Add("$registered", SqliteType.Text), p.Add("$expires", SqliteType.Text));
        foreach (var row in file.Rows)
        {
            number.Value = row.MemberNumber;
            name.Value = row.FullName;
            search.Value = NameKey.For(row.FullName);
            email.Value = (object?)row.Email ?? DBNull.Value;
            phone.Value = (object?)row.Phone ?? DBNull.Value;
            birth.Value = Iso(row.BirthDate);
            type.Value = (int)row.Type;
            status.Value = (int)row.Status;
            registered.Value = Iso(row.RegisteredOn);
            expires.Value = Iso(row.ExpiresOn);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// Issue 6: the lookup form's searches over the imported directory (part of a name, a phone in any
/// format, a member number) through <see cref="MemberService.SearchAsync"/>, against the hand-written
/// first page (counted only when it is full, as the desk does) plus the audit row every search must leave
/// (the desk writes it too: a search of the member directory is audited).
/// </summary>
public sealed class MemberSearchMeasurement : IDataScaleMeasurement
{
    public string Name => "member search (first page and its total)";

    /// <summary>The desk's default page (<see cref="MemberService.SearchAsync"/>).</summary>
    private const int PageSize = 25;

    public async Task<IReadOnlyList<DataScaleResult>> MeasureAsync(DataScaleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var service = context.Desk.Service<MemberService>();
        string phone;
        string number;
        await using (var db = context.Desk.CreateDbContext())
        {
            var sample = await db.Members.AsNoTracking().OrderBy(m => m.Id).Skip(context.Size.Members / 2).FirstAsync(cancellationToken);
            phone = "0" + sample.Phone![3..];
            number = sample.MemberNumber;
        }

        (string Case, MemberSearch Search, string Where, object Value)[] searches =
        [
            ("name contains 'wati'", new MemberSearch(Name: "wati"), "SearchName LIKE $value ESCAPE '\\'", "%wati%"),
            ("phone typed as 08…", new MemberSearch(Phone: phone), "Phone = $value", PhoneNumbers.Normalise(phone)!),
            ("member number", new MemberSearch(MemberNumber: number.ToLowerInvariant()), "MemberNumber = $value", number),
        ];

        var results = new List<DataScaleResult>();
        foreach (var (label, search, where, value) in searches)
        {
            MemberSearchResult found = default!;
            var desk = await Timed.MedianAsync(context.Size.Repeats, async () =>
                found = await service.SearchAsync(AuditActor.System, search, cancellationToken: cancellationToken));
            (int Total, List<string> Page) raw = (0, []);
            var sql = await Timed.MedianAsync(context.Size.Repeats, async () =>
                raw = await RawSearchAsync(context.Desk.DatabasePath, where, value, cancellationToken));
            context.SameAnswer($"member search '{label}': same total and first page",
                found.Total == raw.Total && found.Items.Select(i => i.MemberNumber).SequenceEqual(raw.Page),
                string.Create(CultureInfo.InvariantCulture, $"desk {found.Total} found, SQL {raw.Total} found"));
            results.Add(new DataScaleResult($"{context.Size.Members:N0} members, {label}", desk, sql));
        }

        return results;
    }

    private static async Task<(int Total, List<string> Page)> RawSearchAsync(string databasePath, string where, object value, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var page = connection.CreateCommand();
        page.CommandText = $"SELECT MemberNumber, FullName, Email, Phone, BirthDate, Type, Status, ExpiresOn FROM Members WHERE {where} ORDER BY SearchName, MemberNumber LIMIT {PageSize}";
        page.Parameters.AddWithValue("$value", value);
        var numbers = new List<string>();
        await using (var reader = await page.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                numbers.Add(reader.GetString(0));
            }
        }

        // As the desk: a first page that is not full holds every match, so only a full one is counted.
        var total = numbers.Count;
        if (total == PageSize)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM Members WHERE {where}";
            count.Parameters.AddWithValue("$value", value);
            total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        // The desk's durability (Data/SqliteConnectionPragmas.cs): without it this connection's commit
        // would wait for a full sync the desk's does not.
        await using var audit = connection.CreateCommand();
        audit.CommandText = "PRAGMA synchronous = NORMAL; INSERT INTO AuditEntries (At, ActorId, ActorName, Action, Target, Details) VALUES ($at, NULL, 'bench', $action, NULL, $details)";
        audit.Parameters.AddWithValue("$action", AuditActions.MembersSearched);
        audit.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        audit.Parameters.AddWithValue("$details", string.Create(CultureInfo.InvariantCulture, $"{where}; results={total}"));
        await audit.ExecuteNonQueryAsync(cancellationToken);
        return (total, numbers);
    }
}

/// <summary>Believable, unique members for the import (Indonesian names, +62 mobile numbers).</summary>
public static class GeneratedMembers
{
    private static readonly string[] Given = ["Siti", "Budi", "Dewi", "Agus", "Sri", "Rina", "Hendra", "Wulan", "Yusuf", "Ayu", "Bambang", "Indah", "Rudi", "Lestari", "Fajar", "Nur"];
    private static readonly string[] Family = ["Wati", "Santoso", "Rahmawati", "Hidayat", "Kusuma", "Siregar", "Nasution", "Wijaya", "Setiawati", "Purnomo", "Harahap", "Lubis"];

    public static IEnumerable<Member> Create(int count)
    {
        var random = new Random(6);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var i = 1; i <= count; i++)
        {
            var given = Given[random.Next(Given.Length)];
            var registered = today.AddDays(-random.Next(1, 3000));
            yield return new Member
            {
                MemberNumber = string.Create(CultureInfo.InvariantCulture, $"PN{i:D8}"),
                FullName = $"{given} {Family[random.Next(Family.Length)]}",
                Email = string.Create(CultureInfo.InvariantCulture, $"{given.ToLowerInvariant()}{i}@contoh.id"),
                Phone = string.Create(CultureInfo.InvariantCulture, $"+628{random.Next(11, 99)}{i:D8}"),
                BirthDate = today.AddYears(-random.Next(8, 75)).AddDays(-random.Next(365)),
                Type = (MemberType)random.Next(5),
                Status = random.Next(40) == 0 ? MemberStatus.Suspended : MemberStatus.Active,
                RegisteredOn = registered,
                ExpiresOn = registered.AddYears(5),
            };
        }
    }
}
