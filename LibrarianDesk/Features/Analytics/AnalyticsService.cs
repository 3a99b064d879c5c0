using System.Data;
using System.Data.Common;
using System.Globalization;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Reporting;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Shared.Staff;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace LibrarianDesk.Features.Analytics;

/// <summary>
/// The analytics of the desk, aggregated in the database: every number is computed by SQL over the
/// metrics recorded on each conversation, and each median or percentile fetches only its two
/// neighbouring ranks, so a year of 100,000 conversations never travels into memory. Definitions: docs/metrics.md.
/// One query text serves SQLite and PostgreSQL (quoted names, named parameters, COUNT(*) FILTER); only the snapshot
/// and the scalar MAX/MIN differ by engine (<see cref="BeginSnapshotAsync"/>, <see cref="ReportSql"/>).
/// </summary>
public sealed class AnalyticsService(IDbContextFactory<DeskDbContext> dbFactory, TimeProvider time)
{
    private const int Closed = (int)ConversationStatus.Closed;
    private const int Missed = (int)ConversationStatus.Missed;
    private const int Verified = (int)MembershipMark.VerifiedMember;
    private const int Online = (int)Presence.Online;

    // WIB is UTC+7 all year (no daylight saving since 1964): a WIB day or hour is plain arithmetic on UTC milliseconds.
    private static readonly long WibOffsetMs = (long)Wib.TimeZone.BaseUtcOffset.TotalMilliseconds;
    private const long HourMs = 3_600_000;

    public async Task<AnalyticsReport> GetReportAsync(AnalyticsQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await GetReportAsync(db, query, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// The report, on any desk database (the benchmark calls this with its own context).
    /// <paramref name="now"/> ends the presence periods still open (a librarian Online right now).
    /// </summary>
    public static async Task<AnalyticsReport> GetReportAsync(DeskDbContext db, AnalyticsQuery query, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();

        await db.Database.OpenConnectionAsync(cancellationToken);
        DbTransaction? ownTransaction = null;
        if (db.Database.CurrentTransaction is null)
        {
            ownTransaction = await BeginSnapshotAsync(db.Database.GetDbConnection(), cancellationToken);
            await db.Database.UseTransactionAsync(ownTransaction, cancellationToken);
        }

        try
        {
            var sql = new ReportSql(db, query, now);
            var (current, previous) = await sql.KpisAsync(cancellationToken);
            var (days, heatMap) = await sql.DaysAndHeatMapAsync(cancellationToken);
            return new AnalyticsReport(
                query,
                current,
                previous,
                days,
                heatMap,
                await sql.QuestionTypesAsync(cancellationToken),
                await sql.DistributionAsync("c.\"ReadScale\"", "c.\"ReadScale\"", Enumerable.Range(1, 6), cancellationToken),
                await sql.DistributionAsync(sql.WaitColumn, WaitBucketSql(sql.WaitColumn), Enumerable.Range(0, WaitBuckets.UpperBoundsSeconds.Count + 1), cancellationToken),
                await sql.DistributionAsync("c.\"Rating\"", "c.\"Rating\"", Enumerable.Range(1, 5), cancellationToken),
                await sql.LibrariansAsync(cancellationToken));
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// One read transaction for the whole report, so that every part of it sees the same snapshot of the database.
    /// </summary>
    private static async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        switch (connection)
        {
            case SqliteConnection sqlite:
                // Deferred: Microsoft.Data.Sqlite begins IMMEDIATE by default, which takes the write lock, and a year's
                // report would hold every chat message and claim back for its whole half second.
                return sqlite.BeginTransaction(deferred: true);
            case NpgsqlConnection postgreSql:
                // Read committed would give each statement its own snapshot; repeatable read keeps the first one for
                // the transaction, and read only says the report never writes.
                var transaction = await postgreSql.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
                await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", postgreSql, transaction))
                {
                    await readOnly.ExecuteNonQueryAsync(cancellationToken);
                }

                return transaction;
            default:
                throw new NotSupportedException($"No analytics for {connection.GetType().Name}.");
        }
    }

    /// <summary>Librarians who ever owned a conversation or hold the Librarian role, and the question types.</summary>
    public async Task<AnalyticsFilterOptions> GetFilterOptionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var librarians = await db.LibrariansWithConversations()
            .OrderBy(u => u.DisplayName)
            .Select(u => new KeyValuePair<string, string>(u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
        var questionTypes = await db.QuestionTypes.AsNoTracking().OrderBy(q => q.SortOrder).ToListAsync(cancellationToken);
        return new AnalyticsFilterOptions(librarians, questionTypes);
    }

    /// <summary>The bucket of a wait (<see cref="WaitBuckets"/>); NULL for no wait.</summary>
    private static string WaitBucketSql(string waitColumn)
    {
        var bounds = WaitBuckets.UpperBoundsSeconds;
        var cases = string.Concat(bounds.Select((bound, i) => string.Create(CultureInfo.InvariantCulture, $" WHEN {waitColumn} < {bound} THEN {i}")));
        return string.Create(CultureInfo.InvariantCulture, $"CASE WHEN {waitColumn} IS NULL THEN NULL{cases} ELSE {bounds.Count} END");
    }

    /// <summary>The SQL of one report: the query's period and filters as parameters, one method per part.</summary>
    private sealed class ReportSql
    {
        private readonly DeskDbContext db;
        private readonly AnalyticsQuery query;
        private readonly Dictionary<string, object> parameters;
        private readonly string filter;
        private readonly string greatest;
        private readonly string least;

        public ReportSql(DeskDbContext db, AnalyticsQuery query, DateTimeOffset now)
        {
            this.db = db;
            this.query = query;

            // SQLite's MAX and MIN with several arguments are scalar; PostgreSQL names those GREATEST and LEAST.
            (greatest, least) = db.Database.GetDbConnection() is NpgsqlConnection ? ("GREATEST", "LEAST") : ("MAX", "MIN");
            var serviceHours = query.Basis == TimeBasis.ServiceHours;
            WaitColumn = serviceHours ? "c.\"WaitServiceSeconds\"" : "c.\"WaitSeconds\"";
            FirstResponseColumn = serviceHours ? "c.\"FirstResponseServiceSeconds\"" : "c.\"FirstResponseSeconds\"";
            DurationColumn = serviceHours ? "c.\"DurationServiceSeconds\"" : "c.\"DurationSeconds\"";
            parameters = new Dictionary<string, object>
            {
                ["@from"] = query.Start.ToUnixTimeMilliseconds(),
                ["@to"] = query.End.ToUnixTimeMilliseconds(),
                ["@previousFrom"] = query.PreviousStart.ToUnixTimeMilliseconds(),
                ["@now"] = now.ToUnixTimeMilliseconds(),
            };

            // Only the filters in use become SQL, so the planner sees a plain range on StartedAt.
            var conditions = new List<string>();
            if (query.LibrarianId is { } librarianId)
            {
                parameters["@librarian"] = librarianId;
                conditions.Add("c.\"OwnerId\" = @librarian");
            }

            if (query.QuestionTypeId is { } questionTypeId)
            {
                parameters["@questionType"] = questionTypeId;
                conditions.Add("c.\"QuestionTypeId\" = @questionType");
            }

            conditions.AddRange(query.Membership switch
            {
                MembershipFilter.Members => [$"c.\"Membership\" = {Verified}"],
                MembershipFilter.NonMembers => [$"c.\"Membership\" <> {Verified}"],
                _ => [],
            });
            filter = string.Concat(conditions.Select(c => " AND " + c));
        }

        public string WaitColumn { get; }
        private string FirstResponseColumn { get; }
        private string DurationColumn { get; }

        private string InPeriod => "c.\"StartedAt\" >= @from AND c.\"StartedAt\" < @to" + filter;

        private string InPreviousPeriod => "c.\"StartedAt\" >= @previousFrom AND c.\"StartedAt\" < @from" + filter;

        private static string Answered => "c.\"FirstResponseAt\" IS NOT NULL";

        private static string IsMissed => $"(c.\"FirstResponseAt\" IS NULL AND c.\"Status\" IN ({Closed}, {Missed}))";

        /// <summary>
        /// <see cref="Conversation.AwaitingClassification"/> in SQL (the report is hand-written SQL; AnalyticsServiceTests
        /// checks that this count and the "to classify" list agree).
        /// </summary>
        private static string IsUnclassified =>
            $"(c.\"ReadScale\" IS NULL AND (c.\"Status\" = {Closed} OR (c.\"Status\" = {Missed} AND c.\"FollowedUpAt\" IS NOT NULL)))";

        public async Task<(KpiSet Current, KpiSet Previous)> KpisAsync(CancellationToken cancellationToken)
        {
            // One aggregate per period rather than GROUP BY period: grouping would push every row of both periods through a sort.
            // COUNT(*) FILTER counts a condition on both engines (PostgreSQL cannot SUM a boolean), and SQLite runs it
            // faster than SUM of one.
            string Counts(int current, string where) => $"""
                SELECT {current}, COUNT(*), COUNT(*) FILTER (WHERE {Answered}), COUNT(*) FILTER (WHERE {IsMissed}),
                       SUM(c."Rating"), COUNT(c."Rating"), COUNT(*) FILTER (WHERE c."Membership" = {Verified}),
                       COUNT({WaitColumn}), COUNT({FirstResponseColumn}), COUNT({DurationColumn}), COUNT(*) FILTER (WHERE {IsUnclassified})
                FROM "Conversations" AS c
                WHERE {where}
                """;
            var counts = await ListAsync(Counts(1, InPeriod) + "\nUNION ALL\n" + Counts(0, InPreviousPeriod),
                r => (Current: r.GetInt64(0) == 1, Conversations: Int(r, 1), Answered: Int(r, 2), Missed: Int(r, 3),
                    AverageRating: Average(r, 4, 5), Ratings: Int(r, 5), Verified: Int(r, 6),
                    Waits: Int(r, 7), FirstResponses: Int(r, 8), Durations: Int(r, 9), Unclassified: Int(r, 10)),
                cancellationToken);
            var offline = await OfflineMessagesAsync(cancellationToken);

            async Task<KpiSet> ForAsync(bool current)
            {
                var row = counts.FirstOrDefault(c => c.Current == current);
                var where = current ? InPeriod : InPreviousPeriod;
                return new KpiSet(
                    row.Conversations,
                    row.Answered,
                    row.Missed,
                    current ? offline?.Current : offline?.Previous,
                    await PercentileAsync(where, WaitColumn, row.Waits, 50, cancellationToken),
                    await PercentileAsync(where, WaitColumn, row.Waits, 90, cancellationToken),
                    await PercentileAsync(where, FirstResponseColumn, row.FirstResponses, 50, cancellationToken),
                    await PercentileAsync(where, DurationColumn, row.Durations, 50, cancellationToken),
                    row.AverageRating,
                    row.Ratings,
                    row.Verified,
                    row.Unclassified);
            }

            return (await ForAsync(current: true), await ForAsync(current: false));
        }

        /// <summary>
        /// Offline messages of both periods. Null when a membership filter is set: an offline message
        /// carries only the number the patron typed, never a verification.
        /// </summary>
        private async Task<(int Current, int Previous)?> OfflineMessagesAsync(CancellationToken cancellationToken)
        {
            if (query.Membership != MembershipFilter.All)
            {
                return null;
            }

            var conditions = (query.LibrarianId is null ? "" : " AND o.\"AssignedLibrarianId\" = @librarian")
                + (query.QuestionTypeId is null ? "" : " AND o.\"QuestionTypeId\" = @questionType");
            var rows = await ListAsync($"""
                SELECT COUNT(*) FILTER (WHERE o."ReceivedAt" >= @from), COUNT(*) FILTER (WHERE o."ReceivedAt" < @from)
                FROM "OfflineMessages" AS o
                WHERE o."ReceivedAt" >= @previousFrom AND o."ReceivedAt" < @to{conditions}
                """,
                r => (Current: Int(r, 0), Previous: Int(r, 1)),
                cancellationToken);
            return rows.Single();
        }

        /// <summary>
        /// The day series and the heat map, both sums of the period's conversations per WIB hour: one pass
        /// and one sort of the period's rows serve the two charts.
        /// </summary>
        public async Task<(IReadOnlyList<DayVolume> Days, IReadOnlyList<HeatCell> HeatMap)> DaysAndHeatMapAsync(CancellationToken cancellationToken)
        {
            var hours = await ListAsync($"""
                SELECT (c."StartedAt" + {WibOffsetMs}) / {HourMs} AS hour, COUNT(*), COUNT(*) FILTER (WHERE {Answered}), COUNT(*) FILTER (WHERE {IsMissed})
                FROM "Conversations" AS c
                WHERE {InPeriod}
                GROUP BY hour
                """,
                r => (Day: (int)(r.GetInt64(0) / 24), Hour: (int)(r.GetInt64(0) % 24), Conversations: Int(r, 1), Answered: Int(r, 2), Missed: Int(r, 3)),
                cancellationToken);
            var byDay = hours.GroupBy(h => DateOnly.FromDayNumber(UnixEpochDayNumber + h.Day))
                .ToDictionary(g => g.Key, g => new DayVolume(g.Key, g.Sum(h => h.Conversations), g.Sum(h => h.Answered), g.Sum(h => h.Missed)));
            var days = Enumerable.Range(0, query.Days)
                .Select(i => query.From.AddDays(i))
                .Select(day => byDay.GetValueOrDefault(day) ?? new DayVolume(day, 0, 0, 0))
                .ToList();

            // 1 January 1970 was a Thursday: day number + 4, modulo 7, counts from Sunday = 0 as DayOfWeek does.
            var byCell = hours.GroupBy(h => ((DayOfWeek)((h.Day + 4) % 7), h.Hour)).ToDictionary(g => g.Key, g => g.Sum(h => h.Conversations));
            var heatMap = Enum.GetValues<DayOfWeek>()
                .SelectMany(day => Enumerable.Range(0, 24).Select(hour => new HeatCell(day, hour, byCell.GetValueOrDefault((day, hour)))))
                .ToList();
            return (days, heatMap);
        }

        /// <summary>
        /// The question types librarians recorded (a classified conversation has its READ level; the patron's own
        /// choice is not a classification). Counted first and named after, so only the few groups are joined to
        /// their names, not every conversation.
        /// </summary>
        public Task<List<QuestionTypeCount>> QuestionTypesAsync(CancellationToken cancellationToken) => ListAsync($"""
            SELECT t."QuestionTypeId", q."NameId", q."NameEn", t.n
            FROM (SELECT c."QuestionTypeId", COUNT(*) AS n FROM "Conversations" AS c WHERE {InPeriod} AND c."ReadScale" IS NOT NULL GROUP BY c."QuestionTypeId") AS t
            LEFT JOIN "QuestionTypes" AS q ON q."Id" = t."QuestionTypeId"
            ORDER BY t.n DESC, q."SortOrder"
            """,
            r => new QuestionTypeCount(r.IsDBNull(0) ? null : (int)r.GetInt64(0), r.IsDBNull(1) ? "" : r.GetString(1), r.IsDBNull(2) ? "" : r.GetString(2), Int(r, 3)),
            cancellationToken);

        /// <summary>
        /// How often each value of <paramref name="valueSql"/>, computed from <paramref name="column"/>, occurs among the
        /// conversations that have the column; every expected value is present.
        /// </summary>
        public async Task<IReadOnlyList<ValueCount>> DistributionAsync(string column, string valueSql, IEnumerable<int> values, CancellationToken cancellationToken)
        {
            var rows = await ListAsync($"""
                SELECT {valueSql} AS value, COUNT(*)
                FROM "Conversations" AS c
                WHERE {InPeriod} AND {column} IS NOT NULL
                GROUP BY value
                """,
                r => (Value: (int)r.GetInt64(0), Count: Int(r, 1)),
                cancellationToken);
            var byValue = rows.ToDictionary(r => r.Value, r => r.Count);
            return values.Select(v => new ValueCount(v, byValue.GetValueOrDefault(v))).ToList();
        }

        public async Task<IReadOnlyList<LibrarianPerformance>> LibrariansAsync(CancellationToken cancellationToken)
        {
            var presenceFilter = query.LibrarianId is null ? "" : " AND p.\"LibrarianId\" = @librarian";
            var rows = await ListAsync($"""
                WITH owned AS (
                    SELECT c."OwnerId", COUNT(*) AS n, COUNT(*) FILTER (WHERE {Answered}) AS answered, SUM(c."Rating") AS rating,
                           COUNT(c."Rating") AS ratings, COUNT({FirstResponseColumn}) AS firsts, COUNT({DurationColumn}) AS durations
                    FROM "Conversations" AS c
                    WHERE {InPeriod} AND c."OwnerId" IS NOT NULL
                    GROUP BY c."OwnerId"),
                online AS (
                    SELECT p."LibrarianId", SUM({greatest}(0, {least}(COALESCE(p."EndedAt", @now), @to) - {greatest}(p."StartedAt", @from))) / 1000.0 AS seconds
                    FROM "PresencePeriods" AS p
                    WHERE p."Presence" = {Online} AND p."StartedAt" < @to AND COALESCE(p."EndedAt", @now) > @from{presenceFilter}
                    GROUP BY p."LibrarianId")
                SELECT u."Id", u."DisplayName", COALESCE(owned.n, 0), COALESCE(owned.answered, 0),
                       owned.rating, COALESCE(owned.ratings, 0), COALESCE(online.seconds, 0),
                       COALESCE(owned.firsts, 0), COALESCE(owned.durations, 0)
                FROM "AspNetUsers" AS u
                LEFT JOIN owned ON owned."OwnerId" = u."Id"
                LEFT JOIN online ON online."LibrarianId" = u."Id"
                WHERE owned."OwnerId" IS NOT NULL OR online."LibrarianId" IS NOT NULL
                ORDER BY COALESCE(owned.n, 0) DESC, u."DisplayName"
                """,
                r => (Id: r.GetString(0), Name: r.GetString(1), Conversations: Int(r, 2), Answered: Int(r, 3),
                    Rating: Average(r, 4, 5), Ratings: Int(r, 5), OnlineSeconds: r.GetDouble(6),
                    FirstResponses: Int(r, 7), Durations: Int(r, 8)),
                cancellationToken);

            // A row is a librarian's, or a former one's who owned conversations in the period: Online hours
            // alone (an IT admin who was once Online) make no row.
            var holders = (await db.Librarians().Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            var librarians = new List<LibrarianPerformance>(rows.Count);
            foreach (var r in rows.Where(r => holders.Contains(r.Id) || r.Conversations > 0))
            {
                parameters["@owner"] = r.Id;
                var owned = InPeriod + " AND c.\"OwnerId\" = @owner";
                librarians.Add(new LibrarianPerformance(
                    r.Id, r.Name, r.Conversations, r.Answered,
                    await PercentileAsync(owned, FirstResponseColumn, r.FirstResponses, 50, cancellationToken),
                    await PercentileAsync(owned, DurationColumn, r.Durations, 50, cancellationToken),
                    r.Rating, r.Ratings, r.OnlineSeconds));
            }

            return librarians;
        }

        /// <summary>
        /// The <paramref name="percent"/>th percentile of <paramref name="column"/> over the rows of
        /// <paramref name="where"/>, of which <paramref name="count"/> have the metric; null when none do.
        /// Interpolated between the two nearest ranks as PostgreSQL's percentile_cont (the median of an even
        /// count is the mean of the middle two). The rank arithmetic stays in integers, so a percentile falls
        /// exactly on a rank when it should. Only the two neighbouring values are read, from whichever end of
        /// the order is nearer, so SQLite's sort keeps at most half the rows (a tenth for p90) instead of
        /// ranking them all as window functions do.
        /// </summary>
        private async Task<double?> PercentileAsync(string where, string column, int count, int percent, CancellationToken cancellationToken)
        {
            if (count == 0)
            {
                return null;
            }

            var rank = (count - 1) * percent / 100;
            var fraction = (count - 1) * percent % 100;
            var neighbours = fraction == 0 ? 1 : 2;
            var fromTop = count - 1 - rank < rank;
            var offset = fromTop ? count - rank - neighbours : rank;
            var values = await ListAsync(string.Create(CultureInfo.InvariantCulture, $"""
                SELECT {column} FROM "Conversations" AS c
                WHERE {where} AND {column} IS NOT NULL
                ORDER BY {column}{(fromTop ? " DESC" : "")}
                LIMIT {neighbours} OFFSET {offset}
                """),
                r => r.GetDouble(0),
                cancellationToken);
            if (fromTop)
            {
                values.Reverse();
            }

            var (lower, upper) = (values[0], values[^1]);
            return lower * (100 - fraction) / 100.0 + upper * fraction / 100.0;
        }

        private async Task<List<T>> ListAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(map(reader));
            }

            return rows;
        }

        private static int Int(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? 0 : (int)reader.GetInt64(ordinal);

        // The sum and count come from SQL and the division happens here: PostgreSQL's AVG of integers is a numeric
        // rounded differently from SQLite's double, and the report must give the same number on both engines.
        private static double? Average(DbDataReader reader, int sumOrdinal, int countOrdinal) =>
            reader.IsDBNull(sumOrdinal) ? null : (double)reader.GetInt64(sumOrdinal) / reader.GetInt64(countOrdinal);

        private static readonly int UnixEpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
    }
}
