using System.Collections.Concurrent;
using System.Net;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Features.Scheduling;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.SeveralServers;

/// <summary>
/// What one server keeps of the schedule and of who is signed in follows a change made on the other: the desk status,
/// the widgets' status notices, and the sign-out of a deactivated account.
/// </summary>
public sealed class ScheduleAndSignOutAcrossServersTests(ScheduleAndSignOutAcrossServersTests.ByTheHours desk)
    : IClassFixture<ScheduleAndSignOutAcrossServersTests.ByTheHours>
{
    /// <summary>Open only by the hours and the always-open switch (the test empties the hours: closed until the switch is turned on).</summary>
    public sealed class ByTheHours : TwoServerDesk
    {
        protected override IReadOnlyDictionary<string, string?> MoreSettings { get; } = new Dictionary<string, string?>
        {
            ["Desk:ServiceHours:AlwaysOpen"] = "false",
        };
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_always_open_switch_turned_on_one_server_opens_the_other_and_its_widgets_hear_each_change_once()
    {
        await TwoServerDesk.RequireAsync();
        await using var patron = await PatronClient.ConnectAsync(desk.B);

        // The seeded week opens at 09:00 WIB; emptied, the desk is closed whatever the time of the run, with no next
        // opening, and the widgets are told so once.
        (await desk.A.Service<ServiceHoursStore>().SaveWeekAsync(AuditActor.System, [])).Should().BeEmpty();
        (await PatronClient.NextAsync(patron.StatusChanges)).Should().Match<DeskStatusInfo>(s => !s.IsOpen && s.NextOpening == null);
        (await desk.B.Service<DeskStatusService>().GetAsync(Cancel)).State.Should().Be(DeskState.Closed, "server B has read the schedule");

        await desk.A.Service<ServiceHoursStore>().SetAlwaysOpenAsync(AuditActor.System, alwaysOpen: true);

        await Eventually.TrueAsync(async () => (await desk.B.Service<DeskStatusService>().GetAsync(Cancel)).State == DeskState.Open,
            "server B serves the new schedule");
        (await PatronClient.NextAsync(patron.StatusChanges)).IsOpen.Should().BeTrue("the patron on server B hears the desk open");

        // Back through the other server: the widgets hear it, and only it (a second copy of the opening would come first).
        await desk.B.Service<ServiceHoursStore>().SetAlwaysOpenAsync(AuditActor.System, alwaysOpen: false);

        (await PatronClient.NextAsync(patron.StatusChanges)).IsOpen.Should().BeFalse("the patron hears the desk close, right after it opened once");
        await Eventually.TrueAsync(async () => (await desk.A.Service<DeskStatusService>().GetAsync(Cancel)).State == DeskState.Closed,
            "server A serves the change made on B");

        // Server A told the widgets "open" last itself, but they have heard "closed" from B since: it tells them again.
        await desk.A.Service<ServiceHoursStore>().SetAlwaysOpenAsync(AuditActor.System, alwaysOpen: true);

        (await PatronClient.NextAsync(patron.StatusChanges)).IsOpen.Should().BeTrue("the patron hears the desk open again");
        patron.StatusChanges.Reader.TryRead(out _).Should().BeFalse();
    }

    [Fact]
    public async Task A_password_reset_on_one_server_signs_the_account_out_on_the_other()
    {
        await TwoServerDesk.RequireAsync();
        var email = $"wulan-{Guid.NewGuid():N}@test.local";
        var account = await StaffAccounts.CreateAsync(desk.A, email, [DeskRoles.Librarian], "Wulan Sari");
        using var browser = desk.B.CreateBrowserClient();
        await SignIn.AsAsync(browser, email, DeskApp.StaffPassword);
        (await browser.GetAsync("/queue", Cancel)).StatusCode.Should().Be(HttpStatusCode.OK);

        // What each open desk of server B listens to (MainLayout) to reload itself into the sign-in page.
        var signedOutOnB = new ConcurrentQueue<AccountSignedOut>();
        using var heard = desk.B.Notifier.Subscribe<AccountSignedOut>(e =>
        {
            signedOutOnB.Enqueue(e);
            return Task.CompletedTask;
        });

        (await desk.A.Service<AccountService>().ResetPasswordAsync(AuditActor.System, account.Id)).Succeeded.Should().BeTrue();

        await Eventually.TrueAsync(() => signedOutOnB.Any(e => e.LibrarianId == account.Id), "server B's desks hear the sign-out");
        var reload = await browser.GetAsync("/queue", Cancel);
        reload.StatusCode.Should().Be(HttpStatusCode.Redirect, "the reload on server B finds the sign-in no longer valid");
        SignIn.RedirectPath(reload).Should().Contain("Account/Login");
        signedOutOnB.Count(e => e.LibrarianId == account.Id).Should().Be(1);
    }
}
