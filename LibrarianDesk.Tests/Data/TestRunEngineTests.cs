using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Data;

/// <summary>
/// The suite runs twice on two engines: the desks of LibrarianDesk.Tests.OnPostgreSql run on PostgreSQL, those of
/// LibrarianDesk.Tests on SQLite, so the second run cannot silently be the first run again.
/// </summary>
public sealed class TestRunEngineTests(DeskApp app) : IClassFixture<DeskApp>
{
    [Fact]
    public async Task The_desk_runs_on_the_engine_its_test_assembly_is_built_for()
    {
        var postgreSqlRun = typeof(TestRunEngineTests).Assembly.GetName().Name == "LibrarianDesk.Tests.OnPostgreSql";

        await using var db = app.CreateDbContext();
        db.Database.ProviderName.Should().Be(postgreSqlRun ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite");
        var version = await db.Database.SqlQueryRaw<string>(postgreSqlRun ? "SELECT version() AS \"Value\"" : "SELECT 'SQLite ' || sqlite_version() AS Value")
            .SingleAsync(TestContext.Current.CancellationToken);
        version.Should().StartWith(postgreSqlRun ? "PostgreSQL" : "SQLite", "the server answering is the engine itself");
        (await db.Users.CountAsync(TestContext.Current.CancellationToken)).Should().Be(1, "the desk started on it and created its administrator");
    }
}
