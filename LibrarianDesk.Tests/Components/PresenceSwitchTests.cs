using Bunit;
using LibrarianDesk.Components.Layout;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Components;

/// <summary>The presence switch in the app bar, against the running desk's presence: offered to librarians only.</summary>
public sealed class PresenceSwitchTests(DeskApp app) : LiveDeskComponentTest(app), IClassFixture<DeskApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task An_IT_admin_without_the_Librarian_role_is_offered_no_presence_switch()
    {
        var admin = await StaffAccounts.CreateAsync(App, $"{Guid.NewGuid():N}@test.local", [DeskRoles.ItAdmin, DeskRoles.Supervisor], "Agus Admin");
        SignInAsAccount(admin.Id, admin.DisplayName, DeskRoles.ItAdmin, DeskRoles.Supervisor);

        var presenceSwitch = Render<PresenceSwitch>();

        presenceSwitch.FindAll("[data-testid=presence-current]").Should().BeEmpty();
        presenceSwitch.Markup.Should().NotContain("Daring");
    }

    [Fact]
    public async Task A_librarian_sees_her_presence_and_it_follows_a_change_from_another_tab()
    {
        var sari = await StaffAccounts.CreateAsync(App, $"{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], "Sari Wulandari");
        SignInAsAccount(sari.Id, sari.DisplayName, DeskRoles.Librarian);

        var presenceSwitch = Render<PresenceSwitch>();
        presenceSwitch.WaitForAssertion(() => presenceSwitch.Find("[data-testid=presence-current] [data-presence]").GetAttribute("data-presence").Should().Be("offline"), Patience);

        await App.Service<PresenceService>().SetAsync(sari.Id, Presence.Online, Xunit.TestContext.Current.CancellationToken);

        presenceSwitch.WaitForAssertion(() => presenceSwitch.Find("[data-testid=presence-current] [data-presence]").GetAttribute("data-presence").Should().Be("online"), Patience);
    }
}
