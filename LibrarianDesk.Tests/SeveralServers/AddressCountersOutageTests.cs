using System.Diagnostics;
using LibrarianDesk.Features.IpBlocks;
using LibrarianDesk.Hosting;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using StackExchange.Redis;

namespace LibrarianDesk.Tests.SeveralServers;

/// <summary>Redis going away mid-shift refuses no patron: the server counts on its own, and says so once.</summary>
public sealed class AddressCountersOutageTests
{
    private static readonly AddressWindows Windows = new(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(60));

    [Fact]
    public async Task While_Redis_cannot_be_reached_the_server_counts_alone_answers_at_once_and_logs_one_warning()
    {
        var server = await RedisServer.RequireAsync();
        var proxy = new ResettingProxy(new Uri($"http://{server.Configuration}/"), resetShare: 0, seed: 1);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddSimpleConsole());
        CapturedLogs? logs = null;
        services.AddSingleton<ILoggerProvider>(sp => logs = new CapturedLogs(sp.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Simple)));
        await using var provider = services.BuildServiceProvider();
        using var redis = await ConnectionMultiplexer.ConnectAsync($"{proxy.Address.Authority},abortConnect=false,connectTimeout=1000");
        using var fallback = new InProcessAddressCounters();
        var counters = new RedisAddressCounters(
            redis, new DeskRedisOptions { Prefix = RedisServer.NewPrefix() }, fallback, provider.GetRequiredService<ILogger<RedisAddressCounters>>());
        var allowance = new CallAllowance(Burst: 2, PerSecond: 1);
        (await counters.CountAsync("192.0.2.1", Started(), Windows)).Conversations.Should().Be(1);
        (await counters.TakeCallAsync("192.0.2.1", allowance)).Should().BeNull();

        await proxy.DisposeAsync();
        await Eventually.TrueAsync(() => !redis.IsConnected, "the desk's Redis connection is gone");
        var clock = Stopwatch.StartNew();
        var counted = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            counted.Add((await counters.CountAsync("192.0.2.1", Started(), Windows)).Conversations);
        }

        var calls = new[] { await counters.TakeCallAsync("192.0.2.1", allowance), await counters.TakeCallAsync("192.0.2.1", allowance), await counters.TakeCallAsync("192.0.2.1", allowance) };

        counted.Should().Equal([1, 2, 3], "this server counts what it sees until Redis answers again");
        calls.Select(wait => wait is null).Should().Equal([true, true, false], "this server's own bucket lets the burst through, then refuses");
        clock.Elapsed.Should().BeLessThan(RedisOrAlone.ResponseTimeout, "no call waits for the lost Redis");
        logs!.Entries.Where(e => e.Level == LogLevel.Warning).Should().ContainSingle()
            .Which.Message.Should().Contain("Redis cannot be reached");
    }

    private static AddressEvent Started() => new(DateTimeOffset.UtcNow, Guid.NewGuid(), NewConversation: true, Text: null);
}
