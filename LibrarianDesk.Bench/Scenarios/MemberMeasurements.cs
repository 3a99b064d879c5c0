using System.Data.Common;
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
using Npgsql;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// Issue 6: a 100,000-row membership export imported through <see cref="MemberService.ApplyImportAsync"/>,
/// against the same parsed rows written by one prepared upsert in one transaction (on PostgreSQL one
/// upsert of the whole file over <c>unnest</c>ed arrays). Both parse the file with
/// <see cref="MemberCsv.Read(Stream)"/>, so the ratio is about the writing.
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
        var sql = await Timed.RunAsync(() => context.Desk.Provider == DatabaseProvider.PostgreSql
            ? RawPostgreSqlImportAsync(context.Desk.PostgreSqlConnectionString, MemberCsv.Read(new MemoryStream(csv)), cancellationToken)
            : RawImportAsync(context.Desk.DatabasePath, MemberCsv.Read(new MemoryStream(csv)), cancellationToken));
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

    /// <summary>On PostgreSQL the whole file as one upsert over parallel arrays (<c>unnest</c>), the usual bulk form there.</summary>
    private static async Task RawPostgreSqlImportAsync(string connectionString, MemberCsvResult file, CancellationToken cancellationToken)
    {
        var rows = file.Rows;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO "Members" ("MemberNumber", "FullName", "SearchName", "Email", "Phone", "BirthDate", "Type", "Status", "RegisteredOn", "ExpiresOn")
            SELECT * FROM unnest(@number, @name, @search, @email, @phone, @birth, @type, @status, @registered, @expires)
            ON CONFLICT ("MemberNumber") DO UPDATE SET "FullName" = excluded."FullName", "SearchName" = excluded."SearchName", "Email" = excluded."Email",
                "Phone" = excluded."Phone", "BirthDate" = excluded."BirthDate", "Type" = excluded."Type", "Status" = excluded."Status",
                "RegisteredOn" = excluded."RegisteredOn", "ExpiresOn" = excluded."ExpiresOn"
            """, connection, transaction);
        upsert.CommandTimeout = 0;
        upsert.Parameters.AddWithValue("number", rows.Select(r => r.MemberNumber).ToArray());
        upsert.Parameters.AddWithValue("name", rows.Select(r => r.FullName).ToArray());
        upsert.Parameters.AddWithValue("search", rows.Select(r => NameKey.For(r.FullName)).ToArray());
        upsert.Parameters.AddWithValue("email", rows.Select(r => r.Email).ToArray());
        upsert.Parameters.AddWithValue("phone", rows.Select(r => r.Phone).ToArray());
        upsert.Parameters.AddWithValue("birth", rows.Select(r => r.BirthDate).ToArray());
        upsert.Parameters.AddWithValue("type", rows.Select(r => (int)r.Type).ToArray());
        upsert.Parameters.AddWithValue("status", rows.Select(r => (int)r.Status).ToArray());
        upsert.Parameters.AddWithValue("registered", rows.Select(r => r.RegisteredOn).ToArray());
        upsert.Parameters.AddWithValue("expires", rows.Select(r => r.ExpiresOn).ToArray());
        await upsert.ExecuteNonQueryAsync(cancellationToken);
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

        // SearchName is stored folded to lower case, so the hand-written LIKE needs no lower() on either engine.
        (string Case, MemberSearch Search, string Column, string Comparison, object Value)[] searches =
        [
            ("name contains 'wati'", new MemberSearch(Name: "wati"), "SearchName", "LIKE {0} ESCAPE '\\'", "%wati%"),
            ("phone typed as 08…", new MemberSearch(Phone: phone), "Phone", "= {0}", PhoneNumbers.Normalise(phone)!),
            ("member number", new MemberSearch(MemberNumber: number.ToLowerInvariant()), "MemberNumber", "= {0}", number),
        ];
        var sql = MemberSearchStatements.For(context.Desk.Provider);

        var results = new List<DataScaleResult>();
        foreach (var (label, search, column, comparison, value) in searches)
        {
            var where = sql.Where(column, comparison);
            MemberSearchResult found = default!;
            var desk = await Timed.MedianAsync(context.Size.Repeats, async () =>
                found = await service.SearchAsync(AuditActor.System, search, cancellationToken: cancellationToken));
            (int Total, List<string> Page) raw = (0, []);
            var baseline = await Timed.MedianAsync(context.Size.Repeats, async () =>
                raw = await RawSearchAsync(context.Desk.NewConnection(), sql, where, value, cancellationToken));
            context.SameAnswer($"member search '{label}': same total and first page",
                found.Total == raw.Total && found.Items.Select(i => i.MemberNumber).SequenceEqual(raw.Page),
                string.Create(CultureInfo.InvariantCulture, $"desk {found.Total} found, SQL {raw.Total} found"));
            results.Add(new DataScaleResult($"{context.Size.Members:N0} members, {label}", desk, baseline));
        }

        return results;
    }

    private static async Task<(int Total, List<string> Page)> RawSearchAsync(
        DbConnection connection, MemberSearchStatements sql, string where, object value, CancellationToken cancellationToken)
    {
        await using (connection)
        {
            await connection.OpenAsync(cancellationToken);
            await using var page = BaselineCommand.Create(connection, sql.Page(where, PageSize), (sql.Name("value"), value));
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
                await using var count = BaselineCommand.Create(connection, sql.Count(where), (sql.Name("value"), value));
                total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            }

            await using var audit = BaselineCommand.Create(connection, sql.Audit, (sql.Name("action"), AuditActions.MembersSearched),
                (sql.Name("at"), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), (sql.Name("details"), string.Create(CultureInfo.InvariantCulture, $"{where}; results={total}")));
            await audit.ExecuteNonQueryAsync(cancellationToken);
            return (total, numbers);
        }
    }

    /// <summary>
    /// The page, its count and the audit row in one engine's SQL: its quoted names, how its SQL marks a
    /// parameter and how the parameter's own name starts.
    /// </summary>
    private sealed record MemberSearchStatements(Func<string, string> Quote, string Marker, string NamePrefix, string Audit)
    {
        public static MemberSearchStatements For(DatabaseProvider provider) => provider == DatabaseProvider.PostgreSql ? PostgreSql : Sqlite;

        public string Name(string parameter) => NamePrefix + parameter;

        public string Where(string column, string comparison) => Quote(column) + " " + string.Format(CultureInfo.InvariantCulture, comparison, Marker + "value");

        public string Page(string where, int size) => string.Create(CultureInfo.InvariantCulture,
            $"SELECT {Columns("MemberNumber", "FullName", "Email", "Phone", "BirthDate", "Type", "Status", "ExpiresOn")} FROM {Quote("Members")} WHERE {where} ORDER BY {Quote("SearchName")}, {Quote("MemberNumber")} LIMIT {size}");

        public string Count(string where) => $"SELECT COUNT(*) FROM {Quote("Members")} WHERE {where}";

        private string Columns(params string[] names) => string.Join(", ", names.Select(Quote));

        // The desk's durability (Data/SqliteConnectionPragmas.cs): without it this connection's commit
        // would wait for a full sync the desk's does not.
        private static readonly MemberSearchStatements Sqlite = new(name => name, "$", "$",
            "PRAGMA synchronous = NORMAL; INSERT INTO AuditEntries (At, ActorId, ActorName, Action, Target, Details) VALUES ($at, NULL, 'bench', $action, NULL, $details)");

        private static readonly MemberSearchStatements PostgreSql = new(name => $"\"{name}\"", "@", "",
            """INSERT INTO "AuditEntries" ("At", "ActorId", "ActorName", "Action", "Target", "Details") VALUES (@at, NULL, 'bench', @action, NULL, @details)""");
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
