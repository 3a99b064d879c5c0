using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.AuditLog;
using LibrarianDesk.Shared.Auditing;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Audit;

/// <summary>Supervisors and IT admins narrow the audit log by who acted, which WIB days and what was done.</summary>
public sealed class AuditLogQueryTests(DeskApp app) : IClassFixture<DeskApp>, IAsyncLifetime
{
    private static readonly AuditActor Rina = new("user-rina", "Rina Kusuma");
    private static readonly AuditActor Joko = new("user-joko", "Joko Santoso");

    /// <summary>Each test writes its own entries (xunit makes a class instance per test) and reads only those.</summary>
    private readonly string target = $"audit-filter-{Guid.NewGuid():N}";

    private AuditLogQuery Query => app.Service<AuditLogQuery>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await using var db = app.CreateDbContext();
        db.AuditEntries.AddRange(
            Entry(Rina, AuditActions.MembersSearched, 2026, 3, 9, 23, 59),
            Entry(Rina, AuditActions.MemberVerified, 2026, 3, 10, 0, 0),
            Entry(Joko, AuditActions.MembersSearched, 2026, 3, 10, 12, 30),
            Entry(Rina, AuditActions.MembersSearched, 2026, 3, 11, 23, 59),
            Entry(AuditActor.System, AuditActions.IpBlockAdded, 2026, 3, 10, 8, 0));
        await db.SaveChangesAsync(Cancel);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private AuditEntry Entry(AuditActor actor, string action, int year, int month, int day, int hour, int minute) => new()
    {
        At = Wib.At(new DateOnly(year, month, day), new TimeOnly(hour, minute)),
        ActorId = actor.Id,
        ActorName = actor.Name,
        Action = action,
        Target = target,
    };

    private async Task<List<string>> WhoAndWhenAsync(AuditLogFilter filter)
    {
        var (entries, total) = await Query.PageAsync(AuditActor.System, filter with { Search = target }, 0, 50, Cancel);
        entries.Should().HaveCount(total);
        return entries.Select(e => $"{e.ActorName} {Wib.ToWib(e.At):dd HH:mm}").ToList();
    }

    [Fact]
    public async Task Filtering_by_user_shows_only_what_that_account_did()
    {
        (await WhoAndWhenAsync(new AuditLogFilter(Actor: Rina))).Should().Equal("Rina Kusuma 11 23:59", "Rina Kusuma 10 00:00", "Rina Kusuma 09 23:59");
    }

    [Fact]
    public async Task Filtering_by_the_desk_itself_shows_what_it_did_on_its_own()
    {
        (await WhoAndWhenAsync(new AuditLogFilter(Actor: AuditActor.System))).Should().Equal("LibrarianDesk 10 08:00");
    }

    [Fact]
    public async Task Dates_are_whole_WIB_days_with_both_ends_included()
    {
        var day = new DateOnly(2026, 3, 10);

        (await WhoAndWhenAsync(new AuditLogFilter(From: day, To: day)))
            .Should().Equal("Joko Santoso 10 12:30", "LibrarianDesk 10 08:00", "Rina Kusuma 10 00:00");
        (await WhoAndWhenAsync(new AuditLogFilter(From: day.AddDays(1)))).Should().Equal("Rina Kusuma 11 23:59");
        (await WhoAndWhenAsync(new AuditLogFilter(To: day.AddDays(-1)))).Should().Equal("Rina Kusuma 09 23:59");
    }

    [Fact]
    public async Task User_date_and_action_combine()
    {
        (await WhoAndWhenAsync(new AuditLogFilter(Actor: Rina, From: new DateOnly(2026, 3, 10), Action: AuditActions.MembersSearched)))
            .Should().Equal("Rina Kusuma 11 23:59");
    }

    [Fact]
    public async Task A_reversed_range_finds_nothing_rather_than_everything()
    {
        (await WhoAndWhenAsync(new AuditLogFilter(From: new DateOnly(2026, 3, 11), To: new DateOnly(2026, 3, 9)))).Should().BeEmpty();
    }

    [Fact]
    public async Task The_user_filter_offers_everyone_in_the_log_once_with_the_desk_last()
    {
        var actors = await Query.ActorsAsync(Cancel);

        actors.Should().ContainSingle(a => a.Id == Rina.Id).Which.Name.Should().Be("Rina Kusuma");
        actors.Should().ContainSingle(a => a.Id == Joko.Id);
        actors[^1].Id.Should().BeNull();
        (await Query.ActionsAsync(Cancel)).Should().Contain([AuditActions.MembersSearched, AuditActions.MemberVerified, AuditActions.IpBlockAdded])
            .And.OnlyHaveUniqueItems();
    }
}
