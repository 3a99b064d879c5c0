using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Accounts;

/// <summary>Two IT admins removing each other at the same moment on one server: the desk keeps exactly one.</summary>
public sealed class LastItAdminRaceTests(DeskApp app) : IClassFixture<DeskApp>
{
    [Fact]
    public Task Deactivating_or_demoting_each_other_at_once_always_leaves_one_active_IT_admin() => LastItAdminRace.RunAsync(app, app);
}
