namespace LibrarianDesk.Shared.Blocking;

/// <summary>
/// The stable codes <see cref="IpRange.TryParse(string?, out IpRange?, out string?)"/> answers with; the panel
/// turns them into a sentence, the CSV import puts them after the line number.
/// </summary>
public static class IpRangeErrors
{
    /// <summary>Nothing, or only whitespace, was given.</summary>
    public const string Empty = "empty";

    /// <summary>
    /// The address part is not a canonical dotted-quad IPv4 address (four decimal numbers 0–255 without
    /// leading zeros) nor a valid IPv6 text without a zone id; inner spaces land here too.
    /// </summary>
    public const string MalformedAddress = "malformed_address";

    /// <summary>What follows the slash is not a decimal number without leading zeros (<c>/</c>, <c>/ 24</c>, <c>/024</c>, <c>/x</c>, a second slash).</summary>
    public const string MalformedPrefix = "malformed_prefix";

    /// <summary>The prefix length is larger than the family allows: above 32 for IPv4, above 128 for IPv6.</summary>
    public const string PrefixOutOfRange = "prefix_out_of_range";
}
