using LibrarianDesk.Data.Seeding;
using LibrarianDesk.Features.Analytics;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Reporting;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using FluentAssertions.Equivalency;
using WibDesk = LibrarianDesk.Tests.Scheduling.Desk;

namespace LibrarianDesk.Tests.Features.Analytics;

/// <summary>
/// The report on PostgreSQL: the same demo and hand-built conversations give the same report as on SQLite under every
/// filter; WIB days and hours split exactly at midnight and on the hour; percentiles of even counts interpolate; and
/// the report reads one snapshot while a conversation is added between its queries.
/// </summary>
public sealed class PostgreSqlAnalyticsTests(PostgreSqlAnalyticsTests.BothEngines app) : IClassFixture<PostgreSqlAnalyticsTests.BothEngines>
{
    /// <summary>Monday 3 and Tuesday 4 March 2025, long before the demo: the hand-built conversations (see <see cref="BothEngines"/>).</summary>
    private static readonly AnalyticsQuery Edges = new(new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 4));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_report_equals_the_same_data_s_report_on_SQLite()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var twoWeeks = new AnalyticsQuery(BothEngines.Today.AddDays(-14), BothEngines.Today.AddDays(-1));
        var secondType = (await ReportAsync(app, twoWeeks)).QuestionTypes[1].QuestionTypeId;
        AnalyticsQuery[] queries =
        [
            twoWeeks,
            twoWeeks with { Basis = TimeBasis.ServiceHours },
            twoWeeks with { Membership = MembershipFilter.Members },
            twoWeeks with { Membership = MembershipFilter.NonMembers },
            twoWeeks with { QuestionTypeId = secondType },
            new(BothEngines.Today.AddDays(-BothEngines.DemoDays), BothEngines.Today),
            Edges,
        ];

        foreach (var query in queries)
        {
            var onPostgreSql = await ReportAsync(app, query);
            onPostgreSql.Current.Conversations.Should().BeGreaterThan(0, "an empty report would prove nothing");
            (await ReportAsync(app.Sqlite, query)).Should().BeEquivalentTo(onPostgreSql, SameNumbers, $"{query} is the same on both engines");
        }

        // A librarian filter names each engine's own account of the same librarian.
        var budiOnPostgreSql = await ReportAsync(app, twoWeeks with { LibrarianId = await BothEngines.IdOfAsync(app, "budi") });
        budiOnPostgreSql.Librarians.Should().ContainSingle().Which.DisplayName.Should().Be("Budi Santoso");
        (await ReportAsync(app.Sqlite, twoWeeks with { LibrarianId = await BothEngines.IdOfAsync(app.Sqlite, "budi") }))
            .Should().BeEquivalentTo(budiOnPostgreSql, SameNumbers);
    }

    [Fact]
    public async Task A_conversation_counts_on_the_WIB_day_and_hour_of_its_first_message_to_the_millisecond()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var report = await ReportAsync(app, Edges);

        // 00:00:00.000 Monday is the period's first instant, 23:59:59.999 Tuesday its last; one millisecond either side is not in it.
        report.Current.Conversations.Should().Be(4);
        report.Previous.Conversations.Should().Be(1, "23:59:59.999 on Sunday belongs to the days before");
        report.Days.Select(d => (d.Day, d.Conversations)).Should().Equal((Edges.From, 3), (Edges.To, 1));
        report.HeatMap.Where(c => c.Conversations > 0).Select(c => (c.Day, c.Hour, c.Conversations)).Should().Equal(
            (DayOfWeek.Monday, 0, 1), (DayOfWeek.Monday, 9, 1), (DayOfWeek.Monday, 10, 1), (DayOfWeek.Tuesday, 23, 1));

        // Online periods count only inside the period: Sari 23:00–01:00 across its start, Budi 23:30–00:30 across its end.
        report.Librarians.Select(l => (l.DisplayName, l.OnlineSeconds)).Should().Equal(("Budi Santoso", 1800.0), ("Sari Wulandari", 3600.0));
    }

    [Fact]
    public async Task Medians_of_even_counts_are_the_mean_of_the_middle_two_and_p90_interpolates()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var report = await ReportAsync(app, Edges);

        // Waits and first responses 10, 20, 30, 41 s: median (20 + 30) / 2; p90 at rank 0.9 × 3 = 2.7, 30 + 0.7 × 11.
        report.Current.MedianWaitSeconds.Should().BeApproximately(25, 1e-9);
        report.Current.P90WaitSeconds.Should().BeApproximately(37.7, 1e-9);
        report.Current.MedianFirstResponseSeconds.Should().BeApproximately(25, 1e-9);
        // Durations 100, 200, 300, 401 s; each librarian has two of each.
        report.Current.MedianDurationSeconds.Should().BeApproximately(250, 1e-9);
        report.Librarians.Select(l => (l.DisplayName, l.MedianFirstResponseSeconds, l.MedianDurationSeconds)).Should().Equal(
            ("Budi Santoso", 35.5, 350.5), ("Sari Wulandari", 15.0, 150.0));
    }

    [Fact]
    public async Task The_report_reads_one_snapshot_while_a_conversation_is_added_between_its_queries()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var day = new AnalyticsQuery(new DateOnly(2025, 3, 10), new DateOnly(2025, 3, 10));

        // The report's last query, the librarians', waits behind this lock after its first ones have read the day.
        await using var locker = new NpgsqlConnection(app.PostgreSqlConnectionString);
        await locker.OpenAsync(Cancel);
        await using var hold = await locker.BeginTransactionAsync(Cancel);
        await using (var lockTable = new NpgsqlCommand("""LOCK TABLE "PresencePeriods" IN ACCESS EXCLUSIVE MODE""", locker, hold))
        {
            await lockTable.ExecuteNonQueryAsync(Cancel);
        }

        // Watched from a connection of its own: a transaction sees one copy of pg_stat_activity for its whole length.
        await using var watcher = new NpgsqlConnection(app.PostgreSqlConnectionString);
        await watcher.OpenAsync(Cancel);
        var reading = ReportAsync(app, day);
        await Eventually.TrueAsync(() => LibrariansQueryWaits(watcher), "the report's librarians query waits for the presence periods");

        // A claimed, answered conversation of that day, committed while the report is half way.
        await using (var db = app.CreateDbContext())
        {
            db.Conversations.Add(AnalyticsServiceTests.HandBuiltDesk.Answered(
                new MetricClock(WibDesk.Seeded2026()), "2025-03-10 10:00:00", await BothEngines.IdOfAsync(app, "sari"),
                10, 10, 100, await db.QuestionTypes.Select(q => q.Id).FirstAsync(Cancel), 2, null, MembershipMark.NotChecked));
            await db.SaveChangesAsync(Cancel);
        }

        await hold.CommitAsync(Cancel);
        var report = await reading;

        report.Current.Conversations.Should().Be(0, "the conversation came after the report began");
        report.Librarians.Should().BeEmpty("every query of one report reads the snapshot of its first");
    }

    /// <summary>Whether the report's librarians query waits for a lock (the one the locker holds); no other work of the desk.</summary>
    private static bool LibrariansQueryWaits(NpgsqlConnection watcher)
    {
        using var command = new NpgsqlCommand("""
            SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%WITH owned AS%'
            """, watcher);
        return (long)command.ExecuteScalar()! > 0;
    }

    private static Task<AnalyticsReport> ReportAsync(DeskApp desk, AnalyticsQuery query) =>
        desk.Service<AnalyticsService>().GetReportAsync(query, Cancel);

    /// <summary>
    /// Equal numbers: only the librarians' account ids differ between the two databases, and PostgreSQL's exact
    /// averages may round one last binary digit differently from SQLite's floating point.
    /// </summary>
    private static EquivalencyAssertionOptions<AnalyticsReport> SameNumbers(EquivalencyAssertionOptions<AnalyticsReport> options) => options
        .Excluding(r => r.Query)
        .For(r => r.Librarians).Exclude(l => l.LibrarianId)
        .WithStrictOrdering()
        .Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-9)).WhenTypeIs<double>()
        .Using<double?>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-9)).WhenTypeIs<double?>();

    /// <summary>
    /// The PostgreSQL desk and a SQLite desk beside it, both on the same clock with the same demo (its seed makes the
    /// same conversations) and the same hand-built conversations around the edges of <see cref="Edges"/>.
    /// </summary>
    public sealed class BothEngines : PostgreSqlDeskApp
    {
        public const int DemoDays = 30;

        /// <summary>Wednesday 17 June 2026, 10:00 WIB on both desks.</summary>
        private static readonly DateTimeOffset Now = WibDesk.Wib("2026-06-17 10:00:00");

        public static DateOnly Today => DateOnly.FromDateTime(Now.DateTime);

        private readonly AdjustableClock clock = new(Now);

        public BothEngines() => Sqlite = new SqliteDesk(clock);

        /// <summary>The same desk on SQLite.</summary>
        public DeskApp Sqlite { get; }

        protected override TimeProvider? Time => clock;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Desk:DemoData:Enabled"] = "true",
            ["Desk:DemoData:Days"] = DemoDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            if (PostgreSqlCluster.SkipReason is not null)
            {
                return;
            }

            await Sqlite.InitializeAsync();
            await AddEdgesAsync(this);
            await AddEdgesAsync(Sqlite);
        }

        public override async ValueTask DisposeAsync()
        {
            await Sqlite.DisposeAsync();
            await base.DisposeAsync();
        }

        /// <summary>The id of a demo librarian (by user name) on <paramref name="desk"/>.</summary>
        public static async Task<string> IdOfAsync(DeskApp desk, string user)
        {
            await using var db = desk.CreateDbContext();
            return await db.Users.Where(u => u.Email == $"{user}@{DemoDataSeeder.EmailDomain}").Select(u => u.Id).SingleAsync();
        }

        /// <summary>
        /// Four conversations in <see cref="Edges"/>, on its first and last millisecond and either side of 10:00, and one
        /// a millisecond outside each end; two Online periods across its ends.
        /// </summary>
        private static async Task AddEdgesAsync(DeskApp desk)
        {
            var (sari, budi) = (await IdOfAsync(desk, "sari"), await IdOfAsync(desk, "budi"));
            await using var db = desk.CreateDbContext();
            var type = await db.QuestionTypes.OrderBy(q => q.SortOrder).Select(q => q.Id).FirstAsync();
            var metrics = new MetricClock(WibDesk.Seeded2026());
            Conversation At(string at, string librarian, int wait, int duration) =>
                AnalyticsServiceTests.HandBuiltDesk.Answered(metrics, at, librarian, wait, wait, duration, type, 2, 4, MembershipMark.NotChecked);

            db.Conversations.AddRange(
                At("2025-03-02 23:59:59.999", sari, 5, 60),
                At("2025-03-03 00:00:00.000", sari, 10, 100),
                At("2025-03-03 09:59:59.999", sari, 20, 200),
                At("2025-03-03 10:00:00.000", budi, 30, 300),
                At("2025-03-04 23:59:59.999", budi, 41, 401),
                At("2025-03-05 00:00:00.000", budi, 50, 500));
            db.PresencePeriods.AddRange(
                new PresencePeriod { LibrarianId = sari, Presence = Presence.Online, StartedAt = WibDesk.Wib("2025-03-02 23:00"), EndedAt = WibDesk.Wib("2025-03-03 01:00") },
                new PresencePeriod { LibrarianId = budi, Presence = Presence.Online, StartedAt = WibDesk.Wib("2025-03-04 23:30"), EndedAt = WibDesk.Wib("2025-03-05 00:30") });
            await db.SaveChangesAsync();
        }

        private sealed class SqliteDesk(AdjustableClock clock) : DeskApp
        {
            protected override TimeProvider? Time => clock;

            protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
            {
                ["Desk:DemoData:Enabled"] = "true",
                ["Desk:DemoData:Days"] = DemoDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }
    }
}
