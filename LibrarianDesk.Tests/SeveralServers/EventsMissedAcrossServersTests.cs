using System.Diagnostics;
using System.Net;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.IpBlocks;
using LibrarianDesk.Hosting;
using LibrarianDesk.Shared.Blocking;
using LibrarianDesk.Tests.Infrastructure;
using StackExchange.Redis;

namespace LibrarianDesk.Tests.SeveralServers;

/// <summary>
/// A server cut off from Redis misses the events sent meanwhile (pub/sub keeps nothing): when its connection comes back,
/// every server rereads its caches, so a block made during the outage holds there too.
/// </summary>
public sealed class EventsMissedAcrossServersTests(TwoServerDesk desk) : IClassFixture<TwoServerDesk>
{
    private static readonly AuditActor ItAdmin = new(null, "IT admin in a test");

    [Fact]
    public async Task A_block_made_while_a_server_was_cut_off_from_Redis_holds_there_once_it_is_back()
    {
        await TwoServerDesk.RequireAsync();
        var redis = await RedisServer.RequireAsync();
        await using var proxy = new CuttableTcpProxy(redis.Configuration);
        var cutOff = desk.AnotherServer(new Dictionary<string, string?>
        {
            ["Desk:Redis:Configuration"] = $"{proxy.Address},connectTimeout=1000",
        });
        await cutOff.InitializeAsync();
        await using var _ = cutOff;
        var spammer = IPAddress.Parse("203.0.113.77");
        var rules = cutOff.Service<IpBlockRules>();
        (await rules.MatchAsync(spammer, TestContext.Current.CancellationToken)).Should().BeNull("nothing blocks the address yet");

        proxy.Cut();
        await Eventually.TrueAsync(() => !cutOff.Service<IConnectionMultiplexer>().IsConnected, "the server has lost Redis");
        var clock = Stopwatch.StartNew();
        await cutOff.Notifier.PublishAsync(new LibrarianDesk.Features.Visitors.VisitorsChanged());
        clock.Elapsed.Should().BeLessThan(RedisOrAlone.ResponseTimeout, "a librarian's action does not wait for the lost Redis");
        (await desk.A.Service<IpBlockService>().AddAsync(ItAdmin, new IpBlockDraft("203.0.113.77", "spam", BlockDuration.OneHour), null))
            .Succeeded.Should().BeTrue();
        await Eventually.TrueAsync(async () => await desk.B.Service<IpBlockRules>().MatchAsync(spammer, TestContext.Current.CancellationToken) is not null,
            "a connected server hears the block");
        (await rules.MatchAsync(spammer, TestContext.Current.CancellationToken)).Should().BeNull("the cut-off server missed the block");

        proxy.Mend();
        await Eventually.TrueAsync(async () => await rules.MatchAsync(spammer, TestContext.Current.CancellationToken) is not null,
            "back on Redis, the server rereads its blocks", TimeSpan.FromSeconds(30));
    }
}
