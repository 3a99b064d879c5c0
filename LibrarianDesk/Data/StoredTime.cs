namespace LibrarianDesk.Data;

public static class StoredTime
{
    /// <summary>
    /// Now, at the precision the database keeps (milliseconds): a time handed out before saving equals
    /// the same time read back later (an acknowledgement and its resend agree to the tick).
    /// </summary>
    public static DateTimeOffset GetStoredUtcNow(this TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
    }
}
