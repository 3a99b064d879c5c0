using System.Collections.Concurrent;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Hosting;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LibrarianDesk.Tests.Hosting;

/// <summary>The one loop of the desk's periodic background work, driven by a fake clock.</summary>
public sealed class PeriodicWorkTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly TimerClock clock = new();
    private readonly ListLogger logger = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failing_round_is_logged_once_as_a_warning_and_the_next_round_still_runs()
    {
        var rounds = 0;
        using var work = new Work(clock, logger, _ =>
            Interlocked.Increment(ref rounds) == 1 ? throw new InvalidOperationException("database busy") : Task.CompletedTask);
        await work.StartAsync(Cancel);
        await clock.TimerCreated.WaitAsync(Cancel);

        clock.Advance(Interval);
        await Eventually.TrueAsync(() => logger.Entries.Count == 1, "the failed round is logged");
        clock.Advance(Interval);
        await Eventually.TrueAsync(() => Volatile.Read(ref rounds) == 2, "the next round runs");
        await work.StopAsync(Cancel);

        var (level, message, exception) = logger.Entries.Single();
        level.Should().Be(LogLevel.Warning);
        message.Should().Be("Could not do the test work");
        exception.Should().BeOfType<InvalidOperationException>();
        work.ExecuteTask!.IsCompletedSuccessfully.Should().BeTrue("a failed round does not end the loop or the host");
    }

    [Fact]
    public async Task Stopping_during_a_round_or_between_rounds_logs_nothing()
    {
        var roundStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var busy = new Work(clock, logger, async token =>
        {
            roundStarted.TrySetResult();
            await Task.Delay(Timeout.Infinite, token);
        });
        await busy.StartAsync(Cancel);
        await clock.TimerCreated.WaitAsync(Cancel);
        clock.Advance(Interval);
        await roundStarted.Task.WaitAsync(Cancel);

        await busy.StopAsync(Cancel);

        var idleClock = new TimerClock();
        using var idle = new Work(idleClock, logger, _ => Task.CompletedTask);
        await idle.StartAsync(Cancel);
        await idleClock.TimerCreated.WaitAsync(Cancel);
        await idle.StopAsync(Cancel);

        logger.Entries.Should().BeEmpty();
        busy.ExecuteTask!.IsCompletedSuccessfully.Should().BeTrue();
        idle.ExecuteTask!.IsCompletedSuccessfully.Should().BeTrue();
    }

    [Fact]
    public async Task Work_with_a_lease_asks_it_every_round_and_skips_the_round_it_refuses()
    {
        var rounds = 0;
        var lease = new ScriptedLease(false, true);
        using var work = new Work(clock, logger, _ => Task.FromResult(Interlocked.Increment(ref rounds)), lease);
        await work.StartAsync(Cancel);
        await clock.TimerCreated.WaitAsync(Cancel);

        clock.Advance(Interval);
        await Eventually.TrueAsync(() => lease.Asked.Count == 1, "the lease is asked for the first round");
        clock.Advance(Interval);
        await Eventually.TrueAsync(() => Volatile.Read(ref rounds) == 1, "the second round runs");
        await work.StopAsync(Cancel);

        lease.Asked.Should().Equal(("Work", Interval), ("Work", Interval));
        rounds.Should().Be(1, "the first round was refused");
        logger.Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task Stopping_gives_up_the_lease_only_when_the_last_round_won_it()
    {
        (await StoppedAfterOneRoundAsync(granted: true)).Released.Should().Equal("Work");
        (await StoppedAfterOneRoundAsync(granted: false)).Released.Should().BeEmpty("another server holds it");
    }

    private async Task<ScriptedLease> StoppedAfterOneRoundAsync(bool granted)
    {
        var roundClock = new TimerClock();
        var lease = new ScriptedLease(granted);
        using var work = new Work(roundClock, logger, _ => Task.CompletedTask, lease);
        await work.StartAsync(Cancel);
        await roundClock.TimerCreated.WaitAsync(Cancel);
        roundClock.Advance(Interval);
        await Eventually.TrueAsync(() => lease.Asked.Count == 1, "the round asks the lease");
        await work.StopAsync(Cancel);
        return lease;
    }

    [Fact]
    public async Task Work_that_runs_at_start_does_its_first_round_before_the_first_interval()
    {
        var rounds = 0;
        using var work = new Work(clock, logger, _ => Task.FromResult(Interlocked.Increment(ref rounds)), runsAtStart: true);

        await work.StartAsync(Cancel);

        await Eventually.TrueAsync(() => Volatile.Read(ref rounds) == 1, "the round at start runs with the clock standing still");
        await work.StopAsync(Cancel);
    }

    [Fact]
    public async Task The_desk_gives_the_registered_lease_to_the_loops_that_act_for_the_whole_desk_and_to_no_other()
    {
        await using var app = new LeasedDeskApp();
        await app.InitializeAsync();
        string[] leased = [nameof(MissedConversationSweeper), nameof(RingScheduler), "PatronDeskStatusBroadcaster", nameof(OutboxSender)];

        await Eventually.TrueAsync(() => leased.All(w => app.Lease.Asked.Any(a => a.Work == w)), "each of them asks the lease");

        app.Lease.Asked.Select(a => a.Work).Should().OnlyContain(w => leased.Contains(w),
            "presence, visitors and the SQLite checkpoints are about this server's own circuits, widgets and file");
    }

    private sealed class Work(
        TimeProvider time, ILogger logger, Func<CancellationToken, Task> round, IPeriodicWorkLease? lease = null, bool runsAtStart = false)
        : PeriodicWork(time, logger, lease)
    {
        protected override TimeSpan Interval => PeriodicWorkTests.Interval;

        protected override bool RunsAtStart => runsAtStart;

        protected override string FailureMessage => "Could not do the test work";

        protected override Task RunOnceAsync(CancellationToken cancellationToken) => round(cancellationToken);
    }

    /// <summary>A fake clock that says when the loop's timer exists, so a test advances it only then.</summary>
    private sealed class TimerClock : FakeTimeProvider
    {
        private readonly TaskCompletionSource timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task TimerCreated => timerCreated.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            timerCreated.TrySetResult();
            return timer;
        }
    }

    /// <summary>Answers with the given grants in turn, then grants; remembers every question.</summary>
    private sealed class ScriptedLease(params bool[] grants) : IPeriodicWorkLease
    {
        private readonly ConcurrentQueue<(string Work, TimeSpan Interval)> asked = new();
        private readonly ConcurrentQueue<string> released = new();

        public IReadOnlyList<(string Work, TimeSpan Interval)> Asked => [.. asked];

        public IReadOnlyList<string> Released => [.. released];

        public ValueTask<bool> TryAcquireAsync(string work, TimeSpan interval, CancellationToken cancellationToken)
        {
            asked.Enqueue((work, interval));
            return ValueTask.FromResult(asked.Count > grants.Length || grants[asked.Count - 1]);
        }

        public ValueTask ReleaseAsync(string work, CancellationToken cancellationToken)
        {
            released.Enqueue(work);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class ListLogger : ILogger
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> entries = new();

        public IReadOnlyList<(LogLevel Level, string Message, Exception? Exception)> Entries => [.. entries];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((logLevel, formatter(state, exception), exception));
    }

    private sealed class LeasedDeskApp : DeskApp
    {
        public ScriptedLease Lease { get; } = new();

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Desk:Queue:MissedSweepSeconds"] = "1",
            ["Desk:Queue:RingRepeatSeconds"] = "1",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IPeriodicWorkLease>(Lease)));
        }
    }
}
