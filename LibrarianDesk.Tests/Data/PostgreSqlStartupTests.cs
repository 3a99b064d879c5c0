using System.Net;
using LibrarianDesk.Data;
using LibrarianDesk.Data.Seeding;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Data;

/// <summary>The desk on a real PostgreSQL: it migrates and seeds an empty database at start, once however many servers start.</summary>
public sealed class PostgreSqlStartupTests(PostgreSqlDeskApp app) : IClassFixture<PostgreSqlDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_desk_on_an_empty_PostgreSQL_database_migrates_and_seeds_it_and_serves_its_staff()
    {
        await PostgreSqlDeskApp.RequireAsync();
        await using var db = app.CreateDbContext();
        db.Should().BeOfType<PostgreSqlDeskDbContext>();
        (await db.Database.GetAppliedMigrationsAsync(Cancel)).Should().Equal(db.Database.GetMigrations())
            .And.NotBeEmpty("the PostgreSQL migrations set is applied");
        await ShouldHoldOneCopyOfTheSeedAsync(db);

        using var client = app.CreateBrowserClient();
        (await client.GetAsync("/healthz", Cancel)).StatusCode.Should().Be(HttpStatusCode.OK);
        await SignIn.AsAsync(client, DeskApp.AdminEmail, DeskApp.AdminPassword);
        var staffPage = await client.GetAsync("/", Cancel);
        staffPage.StatusCode.Should().Be(HttpStatusCode.OK, "the signed-in administrator reaches the desk");
    }

    [Fact]
    public async Task A_restart_on_the_same_database_applies_and_seeds_nothing_twice()
    {
        await PostgreSqlDeskApp.RequireAsync();
        await using (var restarted = new PostgreSqlDeskApp(app.PostgreSqlConnectionString))
        {
            await restarted.InitializeAsync();
            restarted.Bootstrap.Reports.Should().BeEmpty();
        }

        await using var db = app.CreateDbContext();
        (await db.Database.SqlQueryRaw<string>("""SELECT "MigrationId" AS "Value" FROM "__EFMigrationsHistory" """).ToListAsync(Cancel))
            .Should().Equal(db.Database.GetMigrations(), "each migration is recorded once");
        await ShouldHoldOneCopyOfTheSeedAsync(db);
    }

    [Fact]
    public async Task Two_desks_starting_at_the_same_instant_on_one_empty_database_both_start_and_seed_it_once()
    {
        var cluster = await PostgreSqlCluster.RequireAsync();
        var database = await cluster.CreateDatabaseAsync();
        await using var first = new PostgreSqlDeskApp(database);
        await using var second = new PostgreSqlDeskApp(database);
        using var go = new ManualResetEventSlim();
        var starts = new[] { first, second }.Select(desk => Task.Run(() =>
        {
            go.Wait(Cancel);
            return desk.InitializeAsync().AsTask();
        }, Cancel)).ToList();
        go.Set();
        await Task.WhenAll(starts);

        foreach (var desk in new[] { first, second })
        {
            using var client = desk.CreateBrowserClient();
            (await client.GetAsync("/healthz", Cancel)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await using var db = first.CreateDbContext();
        await ShouldHoldOneCopyOfTheSeedAsync(db);
    }

    private static async Task ShouldHoldOneCopyOfTheSeedAsync(DeskDbContext db)
    {
        (await db.Users.Select(u => u.Email).ToListAsync(Cancel)).Should().Equal([DeskApp.AdminEmail], "there is one first administrator");
        (await db.Roles.Select(r => r.Name).ToListAsync(Cancel)).Should().BeEquivalentTo(DeskRoles.All);
        (await db.QuestionTypes.CountAsync(Cancel)).Should().Be(ReferenceData.QuestionTypes.Count);
        (await db.FaqEntries.CountAsync(Cancel)).Should().Be(ReferenceData.Faq.Count);
        (await db.CannedResponses.CountAsync(Cancel)).Should().Be(ReferenceData.CannedResponses.Count);
        (await db.OpeningRanges.CountAsync(Cancel)).Should().Be(DefaultServiceHours.WeeklyRanges().Count);
        (await db.Holidays.CountAsync(Cancel)).Should().Be(DefaultServiceHours.Holidays2026().Count);
    }
}
