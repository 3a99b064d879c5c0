using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Scheduling;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Scheduling;

public sealed class ServiceHoursStoreTests(DeskApp app) : IClassFixture<DeskApp>
{
    private static readonly AuditActor Supervisor = new(null, "Supervisor in a test");

    private ServiceHoursStore Store => app.Service<ServiceHoursStore>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_week_with_a_range_that_ends_before_it_starts_is_refused_and_nothing_changes()
    {
        var before = (await Store.GetAsync(Cancel)).Week.Select(r => (r.Day, r.Opens, r.Closes)).ToList();
        var week = DefaultServiceHours.WeeklyRanges().Append(new OpeningRange { Day = DayOfWeek.Sunday, Opens = new(15, 0), Closes = new(10, 0) }).ToList();

        var problems = await Store.SaveWeekAsync(Supervisor, week);

        problems.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Code = ScheduleValidationException.RangeEndsBeforeStart, Day = DayOfWeek.Sunday });
        await using var db = app.CreateDbContext();
        (await db.OpeningRanges.Select(r => new { r.Day, r.Opens, r.Closes }).ToListAsync(Cancel))
            .Select(r => (r.Day, r.Opens, r.Closes)).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task Overlapping_ranges_on_one_day_are_refused()
    {
        var week = new List<OpeningRange>
        {
            new() { Day = DayOfWeek.Monday, Opens = new(9, 0), Closes = new(12, 0) },
            new() { Day = DayOfWeek.Monday, Opens = new(11, 0), Closes = new(15, 0) },
        };
        (await Store.SaveWeekAsync(Supervisor, week)).Should().ContainSingle().Which.Code.Should().Be(ScheduleValidationException.RangesOverlap);
    }

    [Fact]
    public async Task A_saved_week_is_what_the_desk_uses_from_then_on_and_is_audited()
    {
        var original = DefaultServiceHours.WeeklyRanges();
        var week = original.Append(new OpeningRange { Day = DayOfWeek.Sunday, Opens = new(10, 0), Closes = new(14, 0) }).ToList();

        (await Store.SaveWeekAsync(Supervisor, week)).Should().BeEmpty();

        var schedule = await Store.GetAsync(Cancel);
        schedule.Hours.IsOpen(Wib.At(new DateOnly(2026, 12, 6), new TimeOnly(11, 0))).Should().BeTrue("Sunday 11:00 is now inside the hours");
        await using var db = app.CreateDbContext();
        (await db.AuditEntries.AnyAsync(a => a.Action == AuditActions.ServiceHoursChanged && a.Details!.Contains("Sunday 10:00-14:00"), Cancel))
            .Should().BeTrue();

        (await Store.SaveWeekAsync(Supervisor, original)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_holiday_closes_its_day_and_a_second_one_on_the_same_date_is_refused()
    {
        var date = new DateOnly(2027, 1, 1);
        (await Store.AddHolidayAsync(Supervisor, date, "Tahun Baru 2027 Masehi", HolidayKind.NationalHoliday)).Succeeded.Should().BeTrue();

        var duplicate = await Store.AddHolidayAsync(Supervisor, date, "Another name", HolidayKind.CollectiveLeave);
        duplicate.Error.Should().Be(HolidayErrors.DuplicateDate);

        var schedule = await Store.GetAsync(Cancel);
        schedule.Hours.WhyClosed(Wib.At(date, new TimeOnly(10, 0))).Should().Be(new ClosedReason.Holiday("Tahun Baru 2027 Masehi", HolidayKind.NationalHoliday));
        schedule.Holidays.Where(h => h.Date == date).Should().ContainSingle();
    }

    [Fact]
    public async Task A_holiday_without_a_name_is_refused()
    {
        (await Store.AddHolidayAsync(Supervisor, new DateOnly(2027, 3, 3), "  ", HolidayKind.NationalHoliday))
            .Error.Should().Be(HolidayErrors.NameInvalid);
    }

    [Fact]
    public async Task Importing_adds_new_dates_and_renames_listed_ones()
    {
        var csv = """
            date,name,kind
            2026-08-17,Hari Kemerdekaan Republik Indonesia,national
            2028-01-01,Tahun Baru 2028 Masehi,national
            """;
        var parsed = HolidayCsv.Read(new StringReader(csv));
        parsed.IsValid.Should().BeTrue();

        var result = await Store.ImportHolidaysAsync(Supervisor, parsed.Rows);

        result.Count.Should().Be(2);
        var holidays = (await Store.GetAsync(Cancel)).Holidays;
        holidays.Single(h => h.Date == new DateOnly(2026, 8, 17)).Name.Should().Be("Hari Kemerdekaan Republik Indonesia");
        holidays.Should().Contain(h => h.Date == new DateOnly(2028, 1, 1));
    }

    [Fact]
    public async Task Removing_a_holiday_reopens_the_day()
    {
        var date = new DateOnly(2029, 5, 1);
        await Store.AddHolidayAsync(Supervisor, date, "Hari Buruh", HolidayKind.NationalHoliday);
        var holiday = (await Store.GetAsync(Cancel)).Holidays.Single(h => h.Date == date);

        await Store.RemoveHolidayAsync(Supervisor, holiday.Id);

        (await Store.GetAsync(Cancel)).Hours.IsOpen(Wib.At(date, new TimeOnly(10, 0))).Should().BeTrue("1 May 2029 is a Tuesday");
    }
}
