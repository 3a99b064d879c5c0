using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Features.Scheduling;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LibrarianDesk.Tests.Features.Desk;

/// <summary>The desk's open/closed answer: the real schedule and presence in the database, a fake clock.</summary>
public sealed class DeskStatusTests(DeskApp app) : IClassFixture<DeskApp>, IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new();
    private string librarianId = "";

    private DeskStatusService Status => new(app.Service<ServiceHoursStore>(), app.Service<PresenceService>(), clock);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var email = $"status-{Guid.NewGuid():N}@test.local";
        librarianId = (await StaffAccounts.CreateAsync(app, email, [DeskRoles.Librarian], "Sari")).Id;
    }

    public async ValueTask DisposeAsync()
    {
        await app.Service<PresenceService>().SetAsync(librarianId, Presence.Offline, Cancel);
        await app.Service<ServiceHoursStore>().SetAlwaysOpenAsync(AuditActor.System, false);
    }

    private void At(int year, int month, int day, int hour, int minute) =>
        clock.SetUtcNow(Wib.At(new DateOnly(year, month, day), new TimeOnly(hour, minute)));

    [Fact]
    public async Task Inside_the_hours_with_a_librarian_online_the_desk_is_open()
    {
        At(2026, 12, 4, 10, 0);
        await app.Service<PresenceService>().SetAsync(librarianId, Presence.Online, Cancel);

        var status = await Status.GetAsync(Cancel);

        status.State.Should().Be(DeskState.Open);
        status.LibrariansOnline.Should().BeGreaterThanOrEqualTo(1);
        status.NextOpening.Should().BeNull();
    }

    [Fact]
    public async Task Inside_the_hours_with_everyone_away_patrons_get_the_offline_form()
    {
        At(2026, 12, 4, 10, 0);
        await app.Service<PresenceService>().SetAsync(librarianId, Presence.Away, Cancel);

        (await Status.GetAsync(Cancel)).State.Should().Be(DeskState.NoLibrarianOnline);
    }

    [Fact]
    public async Task Friday_at_seven_pm_is_closed_until_Saturday_morning_even_with_a_librarian_online()
    {
        At(2026, 12, 4, 19, 0);
        await app.Service<PresenceService>().SetAsync(librarianId, Presence.Online, Cancel);

        var status = await Status.GetAsync(Cancel);

        status.State.Should().Be(DeskState.Closed);
        status.ClosedReason.Should().Be(new ClosedReason.OutsideHours());
        status.NextOpening.Should().Be(Wib.At(new DateOnly(2026, 12, 5), new TimeOnly(9, 0)));
    }

    [Fact]
    public async Task Christmas_is_closed_with_the_holidays_name()
    {
        At(2026, 12, 25, 10, 0);
        var status = await Status.GetAsync(Cancel);
        status.State.Should().Be(DeskState.Closed);
        status.ClosedReason.Should().BeOfType<ClosedReason.Holiday>().Which.Name.Should().Be("Kelahiran Yesus Kristus");
        status.NextOpening.Should().Be(Wib.At(new DateOnly(2026, 12, 26), new TimeOnly(9, 0)));
    }

    [Fact]
    public async Task Always_open_takes_chats_on_a_Sunday_night_while_someone_is_online()
    {
        At(2026, 12, 6, 23, 30);
        await app.Service<PresenceService>().SetAsync(librarianId, Presence.Online, Cancel);
        (await Status.GetAsync(Cancel)).State.Should().Be(DeskState.Closed);

        await app.Service<ServiceHoursStore>().SetAlwaysOpenAsync(AuditActor.System, true);

        var status = await Status.GetAsync(Cancel);
        status.State.Should().Be(DeskState.Open);
        status.AlwaysOpen.Should().BeTrue();
    }
}
