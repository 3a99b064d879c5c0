namespace LibrarianDesk.Shared.Blocking;

/// <summary>Turns the block dialog's expiry choice into <see cref="IpBlock.ExpiresAt"/>.</summary>
public static class BlockExpiry
{
    /// <summary><see cref="BlockDuration.Until"/> was chosen without a date.</summary>
    public const string DateRequired = "date_required";

    /// <summary><see cref="BlockDuration.Until"/> was chosen with a date at or before now.</summary>
    public const string DateNotInFuture = "date_not_in_future";

    /// <summary>The choice is not a defined <see cref="BlockDuration"/>.</summary>
    public const string UnknownDuration = "unknown_duration";

    /// <summary>
    /// The instant the block ends: <paramref name="now"/> plus 1 hour, 24 hours or 7 days (7 × 24 hours,
    /// exact elapsed time), null for <see cref="BlockDuration.Permanent"/>, or <paramref name="date"/> for
    /// <see cref="BlockDuration.Until"/>. <paramref name="date"/> is ignored for the other choices.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <see cref="BlockDuration.Until"/> without a date, or with a date that is not after <paramref name="now"/>
    /// (such a block would never apply).
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="choice"/> is not a defined value.</exception>
    public static DateTimeOffset? From(BlockDuration choice, DateTimeOffset now, DateTimeOffset? date) => choice switch
    {
        BlockDuration.OneHour => now.AddHours(1),
        BlockDuration.OneDay => now.AddHours(24),
        BlockDuration.SevenDays => now.AddDays(7),
        BlockDuration.Permanent => null,
        BlockDuration.Until when date is null =>
            throw new ArgumentException("A block until a date needs the date.", nameof(date)),
        BlockDuration.Until when date.Value <= now =>
            throw new ArgumentException("The date a block ends must be in the future.", nameof(date)),
        BlockDuration.Until => date.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "Unknown block duration."),
    };

    /// <summary>
    /// The same as <see cref="From"/> without throwing: false with <paramref name="errorCode"/>
    /// <c>date_required</c> or <c>date_not_in_future</c> for a bad <see cref="BlockDuration.Until"/>, or
    /// <c>unknown_duration</c>.
    /// </summary>
    public static bool TryFrom(BlockDuration choice, DateTimeOffset now, DateTimeOffset? date, out DateTimeOffset? expiresAt, out string? errorCode)
    {
        expiresAt = null;
        errorCode = choice switch
        {
            BlockDuration.Until when date is null => DateRequired,
            BlockDuration.Until when date.Value <= now => DateNotInFuture,
            BlockDuration.OneHour or BlockDuration.OneDay or BlockDuration.SevenDays or BlockDuration.Permanent or BlockDuration.Until => null,
            _ => UnknownDuration,
        };
        if (errorCode is not null)
        {
            return false;
        }

        expiresAt = From(choice, now, date);
        return true;
    }
}
