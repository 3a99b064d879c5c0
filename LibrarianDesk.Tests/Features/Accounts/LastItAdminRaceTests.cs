using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Accounts;

/// <summary>Two IT admins removing each other at the same moment: the desk keeps exactly one.</summary>
public sealed class LastItAdminRaceTests(DeskApp app) : IClassFixture<DeskApp>
{
    private AccountService Accounts => app.Service<AccountService>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<List<AccountRow>> ActiveItAdminsAsync() =>
        (await Accounts.ListAsync(Cancel)).Where(a => a.IsActive && a.Roles.Contains(DeskRoles.ItAdmin)).ToList();

    private async Task<AuditActor> NewItAdminAsync(int round, string name)
    {
        // Straight through Identity: an account made on the Accounts page must still replace its password before it may act.
        var created = await StaffAccounts.CreateAsync(app, $"race-{round}-{name}@test.local", [DeskRoles.ItAdmin], $"{name} {round}");
        return new AuditActor(created.Id, created.DisplayName);
    }

    [Fact]
    public async Task Deactivating_or_demoting_each_other_at_once_always_leaves_one_active_IT_admin()
    {
        var survivor = await NewItAdminAsync(0, "Agus");
        foreach (var bootstrap in (await ActiveItAdminsAsync()).Where(a => a.Id != survivor.Id))
        {
            (await Accounts.SetActiveAsync(AuditActor.System, bootstrap.Id, active: false)).Succeeded.Should().BeTrue();
        }

        for (var round = 1; round <= 30; round++)
        {
            var rival = await NewItAdminAsync(round, "Rival");
            var first = survivor;
            var demote = round % 2 == 0;
            Task<AccountResult> Remove(AuditActor actor, AuditActor target) => demote
                ? Accounts.UpdateAsync(actor, target.Id!, new AccountDraft("", target.Name, [DeskRoles.Librarian]))
                : Accounts.SetActiveAsync(actor, target.Id!, active: false);

            var results = await Task.WhenAll(Task.Run(() => Remove(first, rival), Cancel), Task.Run(() => Remove(rival, first), Cancel));

            results.Count(r => r.Succeeded).Should().Be(1, $"round {round}: exactly one of the two removals may happen");
            var left = (await ActiveItAdminsAsync()).Should().ContainSingle($"round {round} must leave one IT admin").Subject;
            survivor = new AuditActor(left.Id, left.DisplayName);
        }
    }
}
