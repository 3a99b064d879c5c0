namespace LibrarianDesk.Tests.Infrastructure;

/// <summary>
/// A clock a test sets to any instant, earlier ones included (FakeTimeProvider only moves forward,
/// and tests of one fixture run in no fixed order). Timers still run on real time.
/// </summary>
public sealed class AdjustableClock(DateTimeOffset start) : TimeProvider
{
    private long utcTicks = start.UtcTicks;

    public void Set(DateTimeOffset instant) => Interlocked.Exchange(ref utcTicks, instant.UtcTicks);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref utcTicks), TimeSpan.Zero);
}
