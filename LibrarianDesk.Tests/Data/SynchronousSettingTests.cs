using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Data;

/// <summary><c>Desk:DatabaseSynchronous = Full</c> makes every commit survive a power cut (NORMAL is the default, see StartupTests).</summary>
public sealed class SynchronousSettingTests(SynchronousSettingTests.FullSyncDeskApp app) : IClassFixture<SynchronousSettingTests.FullSyncDeskApp>
{
    [Fact]
    public async Task Every_connection_syncs_each_commit_when_Full_is_configured()
    {
        await using var db = app.CreateDbContext();
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        (await command.ExecuteScalarAsync(TestContext.Current.CancellationToken)).Should().Be(2L, "FULL");
    }

    public sealed class FullSyncDeskApp : DeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Desk:DatabaseSynchronous"] = "Full",
        };
    }
}
