using LibrarianDesk.Shared.Blocking;

namespace LibrarianDesk.Tests.Blocking;

/// <summary>Block rows at fixed instants, for the rule-set tests.</summary>
internal static class Blocks
{
    /// <summary>09:00 WIB on Monday 2 March 2026: "now" in the tests.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(7));

    public static DateTimeOffset At(int minutesAfterNow) => Now.AddMinutes(minutesAfterNow);

    public static IpBlock Permanent(int id, string range) => Block(id, range, null);

    /// <summary>A block that ends <paramref name="minutesAfterNow"/> minutes after <see cref="Now"/> (negative: already ended).</summary>
    public static IpBlock Until(int id, string range, int minutesAfterNow) => Block(id, range, At(minutesAfterNow));

    public static IpBlock Block(int id, string range, DateTimeOffset? expiresAt) => new()
    {
        Id = id,
        Range = range,
        Reason = "spam",
        CreatedAt = At(-60),
        CreatedBy = "Budi Santoso",
        CreatedById = "it-admin-1",
        ExpiresAt = expiresAt,
    };
}
