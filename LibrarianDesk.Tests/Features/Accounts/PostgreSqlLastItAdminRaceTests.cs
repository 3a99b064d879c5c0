using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Accounts;

/// <summary>Two IT admins removing each other at the same moment through two desks on one PostgreSQL database: the desk keeps exactly one.</summary>
public sealed class PostgreSqlLastItAdminRaceTests(PostgreSqlDeskApp app) : IClassFixture<PostgreSqlDeskApp>
{
    [Fact]
    public async Task Deactivating_or_demoting_each_other_at_once_on_two_servers_always_leaves_one_active_IT_admin()
    {
        await PostgreSqlDeskApp.RequireAsync();
        await using var second = new PostgreSqlDeskApp(app.PostgreSqlConnectionString);
        await second.InitializeAsync();

        await LastItAdminRace.RunAsync(app, second);
    }
}
