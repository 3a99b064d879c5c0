using LibrarianDesk.Data;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Data;

/// <summary>
/// Every SQLite desk records its applied migrations by id in <c>__EFMigrationsHistory</c>. The SQLite set moved to its own
/// folder and context when PostgreSQL got its own; an id that changed would make an existing desk re-create its tables.
/// </summary>
public sealed class SqliteMigrationIdsTests(DeskApp app) : IClassFixture<DeskApp>
{
    // As released before the PostgreSQL set existed (commit f0fde60).
    private static readonly string[] Released =
    [
        "20261128223940_InitialSchema",
        "20261207042945_OutboxRecipientWithoutName",
        "20261207050223_UniquePatronToken",
        "20261207125236_ReadMarksTransferLinesFollowUps",
    ];

    [Fact]
    public async Task The_SQLite_migrations_keep_the_ids_existing_desks_have_recorded()
    {
        await using var db = app.CreateDbContext();
        db.Should().BeOfType<SqliteDeskDbContext>();
        db.Database.GetMigrations().Should().StartWith(Released);
        (await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).Should().StartWith(Released);
    }

    [Fact]
    public async Task A_desk_whose_history_names_the_released_migrations_starts_on_it_without_applying_them_again()
    {
        await using (var db = app.CreateDbContext())
        {
            // Write into the desk's tables so that re-creating them would show.
            await db.Database.ExecuteSqlRawAsync("UPDATE QuestionTypes SET NameEn = 'Kept' WHERE Id = (SELECT MIN(Id) FROM QuestionTypes)", TestContext.Current.CancellationToken);
        }

        await using var restarted = new ExistingSqliteDeskApp(app.DataDirectory);
        await restarted.InitializeAsync();
        await using var after = restarted.CreateDbContext();
        (await after.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken)).Should().BeEmpty();
        (await after.QuestionTypes.OrderBy(q => q.Id).Select(q => q.NameEn).FirstAsync(TestContext.Current.CancellationToken)).Should().Be("Kept");
    }

    /// <summary>A second desk on the first one's data folder, as after an upgrade of the desk's binaries.</summary>
    private sealed class ExistingSqliteDeskApp(string dataDirectory) : DeskApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:DataDirectory"] = dataDirectory,
        };
    }
}
