using LibrarianDesk.Features.Queue;
using LibrarianDesk.Hosting;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Hosting;

/// <summary>The periodic work's lease shared by two desks on one PostgreSQL database; time moves only when the test moves it.</summary>
public sealed class PostgreSqlWorkLeaseTests(ClockedPostgreSqlDeskApp app) : IClassFixture<ClockedPostgreSqlDeskApp>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<bool> AskAsync(DeskApp server, string work) =>
        server.Service<IPeriodicWorkLease>().TryAcquireAsync(work, Interval, Cancel).AsTask();

    private static async Task<string?> HolderAsync(DeskApp desk, string work)
    {
        await using var db = desk.CreateDbContext();
        return await db.WorkLeases.Where(l => l.Name == work).Select(l => l.Holder).SingleOrDefaultAsync(Cancel);
    }

    [Fact]
    public async Task Two_servers_asking_at_once_give_the_lease_to_exactly_one_of_them()
    {
        await PostgreSqlDeskApp.RequireAsync();
        await using var second = await app.SecondServerAsync();
        app.Service<IPeriodicWorkLease>().Should().BeOfType<DatabaseWorkLease>("several servers are possible on PostgreSQL");

        for (var round = 0; round < 40; round++)
        {
            var work = $"Race{round}";
            using var go = new ManualResetEventSlim();
            var asks = new[] { (DeskApp)app, second }.Select(server => Task.Run(async () =>
            {
                go.Wait(Cancel);
                return await AskAsync(server, work);
            }, Cancel)).ToList();
            go.Set();
            var granted = await Task.WhenAll(asks);

            granted.Count(g => g).Should().Be(1, $"round {round}: one server holds the lease");
            var winner = granted[0] ? (DeskApp)app : second;
            (await HolderAsync(app, work)).Should().Be(winner.Service<DeskServer>().Id);
        }
    }

    [Fact]
    public async Task The_holder_keeps_the_lease_round_after_round_and_another_server_takes_over_only_once_it_has_lapsed()
    {
        await PostgreSqlDeskApp.RequireAsync();
        await using var second = await app.SecondServerAsync();
        const string Work = "Renewed";
        var start = app.Clock.GetUtcNow();
        var length = DatabaseWorkLease.LengthFor(Interval);
        length.Should().BeGreaterThan(Interval, "the holder renews before it lapses");

        (await AskAsync(app, Work)).Should().BeTrue();
        (await AskAsync(second, Work)).Should().BeFalse("the first server holds it");

        app.Clock.Set(start + Interval);
        (await AskAsync(app, Work)).Should().BeTrue("the holder renews at its next round");
        app.Clock.Set(start + length + TimeSpan.FromSeconds(1));
        (await AskAsync(second, Work)).Should().BeFalse("the renewal runs from the holder's last round");

        app.Clock.Set(start + Interval + length);
        (await AskAsync(second, Work)).Should().BeTrue("a lease nobody renewed lapses, and the other server takes it over");
        (await AskAsync(app, Work)).Should().BeFalse("the old holder has lost it");
        (await HolderAsync(app, Work)).Should().Be(second.Service<DeskServer>().Id);
    }

    [Fact]
    public async Task A_stopping_server_gives_up_its_leases_so_the_other_server_takes_over_at_its_next_round()
    {
        await PostgreSqlDeskApp.RequireAsync();
        var stopping = new ClockedPostgreSqlDeskApp();
        await stopping.InitializeAsync();
        const string Sweeper = nameof(MissedConversationSweeper);
        var stoppingId = stopping.Service<DeskServer>().Id;
        await Eventually.TrueAsync(async () => await HolderAsync(stopping, Sweeper) == stoppingId, "the only server takes the sweeper's lease");

        await using var staying = await stopping.SecondServerAsync();
        var stayingId = staying.Service<DeskServer>().Id;
        (await AskAsync(staying, Sweeper)).Should().BeFalse("the first server holds the lease");
        await stopping.DisposeAsync();

        // The clock stands still, so the lease cannot have lapsed: only its release lets the other server in.
        await Eventually.TrueAsync(async () => await HolderAsync(staying, Sweeper) == stayingId, "the staying server takes the sweeper's lease");
        await using var db = staying.CreateDbContext();
        (await db.WorkLeases.AnyAsync(l => l.Holder == stoppingId, Cancel)).Should().BeFalse("a stopped server holds no lease");
    }
}
