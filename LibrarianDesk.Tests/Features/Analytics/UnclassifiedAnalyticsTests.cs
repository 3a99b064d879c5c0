using LibrarianDesk.Features.Analytics;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Reporting;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using WibDesk = LibrarianDesk.Tests.Scheduling.Desk;

namespace LibrarianDesk.Tests.Features.Analytics;

/// <summary>
/// Conversations nobody classified are counted on their own, never as a READ level or a question type. The
/// week of Monday 15 June 2026: one closed with a classification, one the patron ended and one missed then
/// answered by email (both unclassified), one the patron ended and classified later, one missed nobody answered.
/// </summary>
public sealed class UnclassifiedAnalyticsTests(UnclassifiedAnalyticsTests.Desk app) : IClassFixture<UnclassifiedAnalyticsTests.Desk>
{
    private static readonly AnalyticsQuery Week = new(new DateOnly(2026, 6, 15), new DateOnly(2026, 6, 21));

    private Task<AnalyticsReport> ReportAsync() => app.Service<AnalyticsService>().GetReportAsync(Week, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Unclassified_conversations_are_a_kpi_of_their_own_and_in_neither_the_READ_nor_the_question_type_chart()
    {
        var report = await ReportAsync();

        report.Current.Should().BeEquivalentTo(new { Conversations = 5, Unclassified = 2 });
        report.ReadScale.Where(r => r.Count > 0).Should().Equal(new ValueCount(3, 1), new ValueCount(5, 1));
        report.QuestionTypes.Should().ContainSingle().Which.Should().BeEquivalentTo(new { QuestionTypeId = (int?)app.FirstType, Conversations = 2 });
    }

    [Fact]
    public async Task The_kpi_csv_has_the_unclassified_count()
    {
        var csv = AnalyticsCsv.Write(await ReportAsync(), "kpis");

        csv.Split('\n').Select(line => line.TrimEnd('\r')).Should().Contain("unclassified,2,0");
    }

    public sealed class Desk : DeskApp
    {
        public int FirstType { get; private set; }

        public override async ValueTask InitializeAsync()
        {
            await base.InitializeAsync();
            var sari = (await StaffAccounts.CreateAsync(this, "sari@test.local", [DeskRoles.Librarian], "Sari Wulandari")).Id;
            await using var db = CreateDbContext();
            var types = db.QuestionTypes.OrderBy(q => q.SortOrder).Select(q => q.Id).Take(2).ToList();
            FirstType = types[0];
            var secondType = types[1];
            var clock = new MetricClock(WibDesk.Seeded2026());

            var classified = Answered(sari, "2026-06-15 10:00:00", secondType);
            classified.Close(WibDesk.Wib("2026-06-15 10:10:00"), Classification.Of(FirstType, 3));
            var endedByPatron = Answered(sari, "2026-06-15 11:00:00", secondType);
            endedByPatron.EndByPatron(WibDesk.Wib("2026-06-15 11:05:00"));
            var classifiedLater = Answered(sari, "2026-06-16 09:00:00", secondType);
            classifiedLater.EndByPatron(WibDesk.Wib("2026-06-16 09:05:00"));
            classifiedLater.Classify(Classification.Of(FirstType, 5));
            var followedUp = Started("2026-06-16 13:00:00", secondType, "patron@contoh.id");
            followedUp.MarkMissed(WibDesk.Wib("2026-06-16 13:03:00"));
            followedUp.RecordFollowUp(sari, WibDesk.Wib("2026-06-16 14:00:00"));
            var missed = Started("2026-06-17 13:00:00", secondType, "lain@contoh.id");
            missed.MarkMissed(WibDesk.Wib("2026-06-17 13:03:00"));
            foreach (var conversation in new[] { classified, endedByPatron, classifiedLater, followedUp, missed })
            {
                conversation.RecordMetrics(clock);
                db.Conversations.Add(conversation);
            }

            await db.SaveChangesAsync();
        }

        private static Conversation Started(string at, int questionType, string? email = null)
        {
            var started = WibDesk.Wib(at);
            var conversation = Conversation.Start(Guid.NewGuid(), "Pemustaka", email, null, questionType, null, started);
            conversation.Append(MessageAuthor.Patron, null, "Selamat siang, saya ingin bertanya.", started);
            return conversation;
        }

        private static Conversation Answered(string librarian, string at, int questionType)
        {
            var conversation = Started(at, questionType);
            conversation.Claim(librarian, conversation.StartedAt.AddSeconds(30));
            conversation.Append(MessageAuthor.Librarian, librarian, "Baik, saya bantu.", conversation.StartedAt.AddSeconds(40));
            return conversation;
        }
    }
}
