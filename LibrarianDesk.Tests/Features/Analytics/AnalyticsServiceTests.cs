using LibrarianDesk.Features.Analytics;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Reporting;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using WibDesk = LibrarianDesk.Tests.Scheduling.Desk;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Features.Analytics;

/// <summary>
/// The report on hand-built conversations in the week of Monday 8 June 2026, every number worked out
/// by hand (the comments say how). Waits 20, 45, 100 and 700 s; one missed; one still waiting.
/// </summary>
public sealed class AnalyticsServiceTests(AnalyticsServiceTests.HandBuiltDesk app) : IClassFixture<AnalyticsServiceTests.HandBuiltDesk>
{
    private static readonly AnalyticsQuery Week = new(new DateOnly(2026, 6, 8), new DateOnly(2026, 6, 14));

    private Task<AnalyticsReport> ReportAsync(AnalyticsQuery query) =>
        app.Service<AnalyticsService>().GetReportAsync(query, TestContext.Current.CancellationToken);

    [Fact]
    public async Task The_kpis_count_answered_missed_ratings_and_members_and_compare_with_the_week_before()
    {
        var report = await ReportAsync(Week);

        report.Current.Should().BeEquivalentTo(new
        {
            Conversations = 6,
            Answered = 4,
            Missed = 1,
            OfflineMessages = 1,
            AverageRating = 4.0,
            Ratings = 3,
            VerifiedMembers = 2,
        });
        report.Current.MissedShare.Should().BeApproximately(1 / 6.0, 1e-12);
        report.Current.VerifiedMemberShare.Should().BeApproximately(2 / 6.0, 1e-12);
        report.Previous.Conversations.Should().Be(1);
        report.Previous.MedianWaitSeconds.Should().Be(30);
        report.Previous.OfflineMessages.Should().Be(0);
    }

    [Fact]
    public async Task Medians_of_even_counts_are_the_mean_of_the_middle_two_and_p90_interpolates()
    {
        var report = await ReportAsync(Week);

        // Waits 20, 45, 100, 700: median (45 + 100) / 2; p90 at rank 0.9 × 3 = 2.7, i.e. 100 + 0.7 × 600.
        report.Current.MedianWaitSeconds.Should().BeApproximately(72.5, 1e-9);
        report.Current.P90WaitSeconds.Should().BeApproximately(520, 1e-9);
        // First responses 20, 45, 160, 700; durations 300, 600, 900, 1200.
        report.Current.MedianFirstResponseSeconds.Should().BeApproximately(102.5, 1e-9);
        report.Current.MedianDurationSeconds.Should().BeApproximately(750, 1e-9);
    }

    [Fact]
    public async Task A_percentile_of_one_value_is_that_value_and_of_two_interpolates_between_them()
    {
        // The week before has one wait, 30 s: every percentile is 30.
        var report = await ReportAsync(Week);
        report.Previous.MedianWaitSeconds.Should().Be(30);
        report.Previous.P90WaitSeconds.Should().Be(30);
        report.Previous.MedianDurationSeconds.Should().Be(60);

        // Sari's waits are 20 and 100: median at rank 0.5, p90 at rank 0.9, i.e. 20 + 0.9 × 80.
        var sari = await ReportAsync(Week with { LibrarianId = app.Sari });
        sari.Current.MedianWaitSeconds.Should().BeApproximately(60, 1e-9);
        sari.Current.P90WaitSeconds.Should().BeApproximately(92, 1e-9);
    }

    [Fact]
    public async Task In_service_hours_the_wait_across_closing_time_counts_only_until_19_00()
    {
        var report = await ReportAsync(Week with { Basis = TimeBasis.ServiceHours });

        // C started at 18:59:30 and was taken at 19:01:10: 30 s of service hours. Waits 20, 30, 45, 700.
        report.Current.MedianWaitSeconds.Should().BeApproximately(37.5, 1e-9);
        // C's duration lies wholly after closing: 0, 600, 900, 1200.
        report.Current.MedianDurationSeconds.Should().BeApproximately(750, 1e-9);
        report.WaitBuckets.Select(b => b.Count).Should().Equal(1, 2, 0, 0, 1);
    }

    [Fact]
    public async Task Days_heat_map_question_types_and_distributions_are_complete()
    {
        var report = await ReportAsync(Week);

        report.Days.Select(d => (d.Day.Day, d.Conversations, d.Answered, d.Missed)).Should().Equal(
            (8, 2, 2, 0), (9, 2, 1, 1), (10, 2, 1, 0), (11, 0, 0, 0), (12, 0, 0, 0), (13, 0, 0, 0), (14, 0, 0, 0));
        report.HeatMap.Should().HaveCount(7 * 24);
        report.HeatMap.Where(c => c.Conversations > 0).Select(c => (c.Day, c.Hour, c.Conversations)).Should().BeEquivalentTo(
        [
            (DayOfWeek.Monday, 10, 2), (DayOfWeek.Tuesday, 14, 1), (DayOfWeek.Tuesday, 18, 1),
            (DayOfWeek.Wednesday, 9, 1), (DayOfWeek.Wednesday, 16, 1),
        ]);
        // Classified only (A, C, E; B): the missed D and the waiting F have just the patron's choice.
        report.QuestionTypes.Select(q => (q.QuestionTypeId, q.Conversations)).Should().Equal((app.FirstType, 3), (app.SecondType, 1));
        report.QuestionTypes[0].NameId.Should().NotBeEmpty();
        report.WaitBuckets.Select(b => b.Count).Should().Equal(1, 1, 1, 0, 1);
        report.ReadScale.Select(r => r.Count).Should().Equal(1, 1, 1, 1, 0, 0);
        report.Ratings.Select(r => r.Count).Should().Equal(0, 0, 1, 1, 1);
    }

    [Fact]
    public async Task Each_librarian_has_conversations_medians_rating_and_hours_online_in_the_period()
    {
        var report = await ReportAsync(Week);

        // Most conversations first, then by name. Sari: first responses 20 and 160, durations 600 and 300.
        report.Librarians.Should().BeEquivalentTo(
        [
            new LibrarianPerformance(app.Budi, "Budi Santoso", 2, 2, 372.5, 1050, 3.5, 2, 2 * 3600),
            new LibrarianPerformance(app.Sari, "Sari Wulandari", 2, 2, 90, 450, 5, 1, 5 * 3600),
        ], options => options.WithStrictOrdering());
    }

    [Fact]
    public async Task Filters_narrow_every_number_to_the_librarian_question_type_or_membership()
    {
        (await ReportAsync(Week with { LibrarianId = app.Sari })).Current.Conversations.Should().Be(2);
        (await ReportAsync(Week with { QuestionTypeId = app.SecondType })).Current.Conversations.Should().Be(2);
        var members = await ReportAsync(Week with { Membership = MembershipFilter.Members });
        members.Current.Conversations.Should().Be(2);
        members.Current.OfflineMessages.Should().BeNull("an offline message carries no verified membership");
        (await ReportAsync(Week with { Membership = MembershipFilter.NonMembers })).Current.Conversations.Should().Be(4);
        var sari = await ReportAsync(Week with { LibrarianId = app.Sari });
        sari.Librarians.Should().ContainSingle().Which.LibrarianId.Should().Be(app.Sari);
        sari.Current.MedianWaitSeconds.Should().BeApproximately(60, 1e-9, "Sari's waits are 20 and 100");
    }

    [Fact]
    public async Task An_empty_period_has_zeros_empty_medians_and_every_day_and_cell()
    {
        var report = await ReportAsync(new AnalyticsQuery(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 7)));

        report.IsEmpty.Should().BeTrue();
        report.Current.Should().Be(KpiSet.Empty);
        report.Current.MissedShare.Should().BeNull();
        report.Days.Should().HaveCount(7).And.OnlyContain(d => d.Conversations == 0);
        report.HeatMap.Should().HaveCount(7 * 24).And.OnlyContain(c => c.Conversations == 0);
        report.QuestionTypes.Should().BeEmpty();
        report.WaitBuckets.Should().HaveCount(5).And.OnlyContain(b => b.Count == 0);
        report.Librarians.Should().BeEmpty();
    }

    [Fact]
    public async Task The_report_reads_while_a_chat_write_holds_the_database()
    {
        // A writer in the middle of its transaction, as a chat message or claim may be at any moment.
        await using var writer = app.CreateDbContext();
        await using var write = await writer.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);

        var report = await ReportAsync(Week);

        report.Current.Conversations.Should().BeGreaterThan(0, "the report must not wait for, or take, the write lock");
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_refused()
    {
        var act = () => ReportAsync(new AnalyticsQuery(new DateOnly(2026, 6, 8), new DateOnly(2026, 6, 7)));
        await act.Should().ThrowAsync<ArgumentException>();
    }

    /// <summary>The desk with the hand-built week (and one conversation the week before).</summary>
    public sealed class HandBuiltDesk : DeskApp
    {
        public string Sari { get; private set; } = "";
        public string Budi { get; private set; } = "";
        public int FirstType { get; private set; }
        public int SecondType { get; private set; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            Sari = (await StaffAccounts.CreateAsync(this, "sari@test.local", [DeskRoles.Librarian], "Sari Wulandari")).Id;
            Budi = (await StaffAccounts.CreateAsync(this, "budi@test.local", [DeskRoles.Librarian], "Budi Santoso")).Id;
            await using var db = CreateDbContext();
            var types = db.QuestionTypes.OrderBy(q => q.SortOrder).Select(q => q.Id).Take(2).ToList();
            (FirstType, SecondType) = (types[0], types[1]);
            var clock = new MetricClock(WibDesk.Seeded2026());

            // A: Monday 10:00, taken and answered after 20 s, closed 10 min later; verified member, rated 5, READ 2.
            db.Conversations.Add(Answered(clock, "2026-06-08 10:00:00", Sari, 20, 20, 600, FirstType, 2, 5, MembershipMark.VerifiedMember));
            // B: Monday 10:30, 45 s, 20 min; not a member, rated 3, READ 3.
            db.Conversations.Add(Answered(clock, "2026-06-08 10:30:00", Budi, 45, 45, 1200, SecondType, 3, 3, MembershipMark.NotAMember));
            // C: Tuesday 18:59:30, taken after 100 s, first reply at 160 s, closed 5 min after the claim; READ 1, not rated.
            db.Conversations.Add(Answered(clock, "2026-06-09 18:59:30", Sari, 100, 160, 300, FirstType, 1, null, MembershipMark.NotChecked));
            // D: Tuesday 14:10, nobody took it.
            var missed = Started("2026-06-09 14:10:00", SecondType);
            missed.MarkMissed(WibDesk.Wib("2026-06-09 14:13:00"));
            db.Conversations.Add(missed);
            // E: Wednesday 09:00, 700 s, 15 min; verified member, rated 4, READ 4.
            db.Conversations.Add(Answered(clock, "2026-06-10 09:00:00", Budi, 700, 700, 900, FirstType, 4, 4, MembershipMark.VerifiedMember));
            // F: Wednesday 16:00, still waiting: counted, neither answered nor missed.
            db.Conversations.Add(Started("2026-06-10 16:00:00", FirstType));
            // The week before: one, taken after 30 s.
            db.Conversations.Add(Answered(clock, "2026-06-02 11:00:00", Sari, 30, 30, 60, FirstType, 1, null, MembershipMark.NotChecked));

            // Sari: Online 08:00–12:00 Monday, and 23:00 Sunday to 01:00 Monday (one hour inside the week); Away does not count.
            db.PresencePeriods.AddRange(
                Period(Sari, Presence.Online, "2026-06-08 08:00:00", "2026-06-08 12:00:00"),
                Period(Sari, Presence.Online, "2026-06-07 23:00:00", "2026-06-08 01:00:00"),
                Period(Sari, Presence.Away, "2026-06-08 12:00:00", "2026-06-08 13:00:00"),
                // Budi went Online at 22:00 on the last Sunday and never left: counted up to the end of the week.
                Period(Budi, Presence.Online, "2026-06-14 22:00:00", null));
            db.OfflineMessages.Add(new()
            {
                Id = Guid.NewGuid(), Name = "Rina", Email = "rina@contoh.id", Text = "Jam buka?", QuestionTypeId = FirstType,
                ReceivedAt = WibDesk.Wib("2026-06-13 20:00:00"),
            });
            await db.SaveChangesAsync();
        }

        private static Conversation Started(string at, int questionType)
        {
            var started = WibDesk.Wib(at);
            var conversation = Conversation.Start(Guid.NewGuid(), "Pemustaka", null, null, questionType, null, started);
            conversation.Append(MessageAuthor.Patron, null, "Selamat siang, saya ingin bertanya.", started);
            return conversation;
        }

        /// <summary>A conversation taken, answered, closed, classified and maybe rated, with its metrics recorded.</summary>
        internal static Conversation Answered(
            MetricClock clock, string at, string librarian, int claimAfter, int replyAfter, int closeAfterClaim,
            int questionType, int readScale, int? rating, MembershipMark membership)
        {
            var conversation = Started(at, questionType);
            var started = conversation.StartedAt;
            conversation.Claim(librarian, started.AddSeconds(claimAfter));
            conversation.Append(MessageAuthor.Librarian, librarian, "Baik, saya bantu.", started.AddSeconds(replyAfter));
            conversation.MarkMembership(membership);
            conversation.Close(started.AddSeconds(claimAfter + closeAfterClaim), Classification.Of(questionType, readScale));
            if (rating is { } stars)
            {
                conversation.Rate(stars);
            }

            conversation.RecordMetrics(clock);
            return conversation;
        }

        private static PresencePeriod Period(string librarian, Presence presence, string from, string? to) => new()
        {
            LibrarianId = librarian, Presence = presence, StartedAt = WibDesk.Wib(from), EndedAt = to is null ? null : WibDesk.Wib(to),
        };
    }
}
