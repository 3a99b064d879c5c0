using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Features.Desk;

/// <summary>
/// A desk started on a database an earlier run left with an IT admin Online after his Librarian role
/// was removed: the start sets him Offline before anyone asks, and leaves the librarians as they were.
/// </summary>
public sealed class StalePresenceAtStartTests(StalePresenceAtStartTests.RestartedDesk app) : IClassFixture<StalePresenceAtStartTests.RestartedDesk>
{
    private static readonly Dictionary<string, string?> AlwaysOpen = new() { ["Desk:ServiceHours:AlwaysOpen"] = "true" };

    /// <summary>The earlier run: its own process on the same data folder, stopped before the desk under test starts.</summary>
    private sealed class EarlierRun(string dataDirectory) : DeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?>(AlwaysOpen) { ["Desk:DataDirectory"] = dataDirectory };
    }

    public sealed class RestartedDesk : DeskApp
    {
        public string AdminId { get; private set; } = "";

        public string LibrarianId { get; private set; } = "";

        protected override IReadOnlyDictionary<string, string?> Settings => AlwaysOpen;

        public override async ValueTask InitializeAsync()
        {
            await using (var earlier = new EarlierRun(DataDirectory))
            {
                await earlier.InitializeAsync();
                var admin = await StaffAccounts.CreateAsync(earlier, "agus@test.local", [DeskRoles.Librarian, DeskRoles.ItAdmin], "Agus Setiawan");
                var librarian = await StaffAccounts.CreateAsync(earlier, "sari@test.local", [DeskRoles.Librarian], "Sari Wulandari");
                await earlier.Service<PresenceService>().SetAsync(admin.Id, Presence.Online);
                await earlier.Service<PresenceService>().SetAsync(librarian.Id, Presence.Online);

                // As an earlier version removed a role: straight through Identity, the Online left behind.
                await using var scope = earlier.Services.CreateAsyncScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<Librarian>>();
                (await users.RemoveFromRoleAsync((await users.FindByIdAsync(admin.Id))!, DeskRoles.Librarian)).Succeeded.Should().BeTrue();
                (AdminId, LibrarianId) = (admin.Id, librarian.Id);
            }

            await base.InitializeAsync();
        }
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_start_sets_a_non_librarian_left_Online_Offline_and_ends_his_hours_while_the_librarian_stays_Online()
    {
        var presences = app.Service<PresenceService>();

        (await presences.GetAsync(app.AdminId, Cancel)).Should().Be(Presence.Offline);
        (await presences.GetAsync(app.LibrarianId, Cancel)).Should().Be(Presence.Online, "her tabs may come back within the tracker's grace");
        var status = await app.Service<DeskStatusService>().GetAsync(Cancel);
        status.Should().BeEquivalentTo(new { State = DeskState.Open, LibrariansOnline = 1 });
        await using var db = app.CreateDbContext();
        (await db.PresencePeriods.Where(p => p.LibrarianId == app.AdminId).Select(p => p.EndedAt).ToListAsync(Cancel))
            .Should().ContainSingle().Which.Should().NotBeNull();
    }
}
