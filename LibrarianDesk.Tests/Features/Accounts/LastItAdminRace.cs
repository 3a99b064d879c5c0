using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Accounts;

/// <summary>
/// Two IT admins removing each other at the same moment, round after round, each through its own desk server (the same
/// server twice for one process): the desk must keep exactly one.
/// </summary>
internal static class LastItAdminRace
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task RunAsync(DeskApp first, DeskApp second, int rounds = 30)
    {
        var accounts = first.Service<AccountService>();
        var survivor = await NewItAdminAsync(first, 0, "Agus");
        foreach (var bootstrap in (await ActiveItAdminsAsync(accounts)).Where(a => a.Id != survivor.Id))
        {
            (await accounts.SetActiveAsync(AuditActor.System, bootstrap.Id, active: false)).Succeeded.Should().BeTrue();
        }

        for (var round = 1; round <= rounds; round++)
        {
            var rival = await NewItAdminAsync(first, round, "Rival");
            var demote = round % 2 == 0;
            Task<AccountResult> Remove(DeskApp server, AuditActor actor, AuditActor target) => demote
                ? server.Service<AccountService>().UpdateAsync(actor, target.Id!, new AccountDraft("", target.Name, [DeskRoles.Librarian]))
                : server.Service<AccountService>().SetActiveAsync(actor, target.Id!, active: false);

            var holder = survivor;
            var results = await Task.WhenAll(
                Task.Run(() => Remove(first, holder, rival), Cancel),
                Task.Run(() => Remove(second, rival, holder), Cancel));

            results.Count(r => r.Succeeded).Should().Be(1, $"round {round}: exactly one of the two removals may happen");
            var left = (await ActiveItAdminsAsync(accounts)).Should().ContainSingle($"round {round} must leave one IT admin").Subject;
            survivor = new AuditActor(left.Id, left.DisplayName);
        }
    }

    private static async Task<List<AccountRow>> ActiveItAdminsAsync(AccountService accounts) =>
        (await accounts.ListAsync(Cancel)).Where(a => a.IsActive && a.Roles.Contains(DeskRoles.ItAdmin)).ToList();

    private static async Task<AuditActor> NewItAdminAsync(DeskApp app, int round, string name)
    {
        // Straight through Identity: an account made on the Accounts page must still replace its password before it may act.
        var created = await StaffAccounts.CreateAsync(app, $"race-{round}-{name}@test.local", [DeskRoles.ItAdmin], $"{name} {round}");
        return new AuditActor(created.Id, created.DisplayName);
    }
}
