using System.Globalization;
using LibrarianDesk.Realtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace LibrarianDesk.Tests.Realtime;

/// <summary>The desk's in-process events: every subscriber at once, each in its own language, none stopping the others.</summary>
public sealed class DeskNotifierTests
{
    private sealed record Happened(int Number);

    private readonly DeskNotifier notifier = new(NullLogger<DeskNotifier>.Instance);

    private static IDisposable SubscribeIn<TEvent>(DeskNotifier notifier, string culture, Func<TEvent, Task> handler)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return notifier.Subscribe(handler);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    [Fact]
    public async Task A_slow_subscriber_does_not_hold_up_the_others()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var slow = notifier.Subscribe<Happened>(_ => released.Task);
        using var quick = notifier.Subscribe<Happened>(_ =>
        {
            released.SetResult();
            return Task.CompletedTask;
        });

        // Delivered one after the other, the slow page would wait forever for the quick one.
        await notifier.PublishAsync(new Happened(1)).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Each_subscriber_handles_in_its_own_language_and_the_publisher_keeps_its_own()
    {
        var seen = new List<string>();
        using var english = SubscribeIn<Happened>(notifier, "en", _ => Record(seen));
        using var indonesian = SubscribeIn<Happened>(notifier, "id", _ => Record(seen));
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fr");

        await notifier.PublishAsync(new Happened(1));

        seen.Should().BeEquivalentTo("en", "id");
        CultureInfo.CurrentUICulture.Name.Should().Be("fr");
    }

    [Fact]
    public async Task A_failing_subscriber_is_logged_and_the_others_still_hear_of_it()
    {
        var heard = 0;
        using var failing = notifier.Subscribe<Happened>(_ => throw new InvalidOperationException("broken page"));
        using var listening = notifier.Subscribe<Happened>(_ =>
        {
            Interlocked.Increment(ref heard);
            return Task.CompletedTask;
        });

        await notifier.PublishAsync(new Happened(1));

        heard.Should().Be(1);
    }

    [Fact]
    public async Task A_subscriber_cancelled_mid_call_neither_fails_the_publisher_nor_stops_the_others()
    {
        var heard = 0;
        using var closedTab = notifier.Subscribe<Happened>(async _ =>
        {
            await Task.Yield();
            throw new TaskCanceledException("the circuit went away");
        });
        using var cancelledAtOnce = notifier.Subscribe<Happened>(_ => throw new OperationCanceledException());
        using var listening = notifier.Subscribe<Happened>(_ =>
        {
            Interlocked.Increment(ref heard);
            return Task.CompletedTask;
        });

        await notifier.PublishAsync(new Happened(1));

        heard.Should().Be(1);
    }

    private static async Task Record(List<string> seen)
    {
        await Task.Yield();
        lock (seen)
        {
            seen.Add(CultureInfo.CurrentUICulture.Name);
        }
    }
}
