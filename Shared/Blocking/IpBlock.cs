namespace LibrarianDesk.Shared.Blocking;

/// <summary>
/// One row of the IP-block panel: an address or CIDR range that may not use the patron widget, why, who
/// added it and until when. Added by IT staff or, with <see cref="IsAutomatic"/>, by flood control.
/// </summary>
public sealed class IpBlock
{
    /// <summary>Long enough for any canonical range; the longest IPv6 one, with <c>/128</c>, has 43 characters.</summary>
    public const int MaxRangeLength = 64;

    public const int MaxReasonLength = 200;

    /// <summary>The display name of the staff member who added the block.</summary>
    public const int MaxCreatedByLength = 100;

    /// <summary>The Identity user id of the staff member who added the block.</summary>
    public const int MaxCreatedByIdLength = 450;

    /// <summary>The prefix of <see cref="Reason"/> for blocks that flood control added.</summary>
    public const string AutomaticReasonPrefix = "automatic: ";

    public int Id { get; set; }

    /// <summary>The canonical text of an <see cref="IpRange"/>, such as <c>203.0.113.7</c> or <c>2001:db8::/32</c>.</summary>
    public string Range { get; set; } = "";

    public string Reason { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The display name of whoever added the block (a staff member, or the desk itself for automatic blocks).</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>The user id of the staff member who added the block; null for automatic blocks.</summary>
    public string? CreatedById { get; set; }

    /// <summary>The instant from which the block no longer applies; null for a permanent block.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>True when flood control added the block rather than a person.</summary>
    public bool IsAutomatic { get; set; }

    /// <summary>How many times a connection or request was refused because of this block.</summary>
    public int Hits { get; set; }

    public DateTimeOffset? LastHitAt { get; set; }

    /// <summary>
    /// True when the block applies at <paramref name="now"/>: it is permanent, or <paramref name="now"/> is
    /// before <see cref="ExpiresAt"/> (at <see cref="ExpiresAt"/> exactly it has ended). <see cref="CreatedAt"/>
    /// is not consulted, so a clock that differs slightly between servers cannot delay a fresh block.
    /// </summary>
    public bool IsActiveAt(DateTimeOffset now) => ExpiresAt is not { } expiresAt || now < expiresAt;

    /// <summary>The parsed <see cref="Range"/>, or null when the stored text is not a valid range.</summary>
    public IpRange? ParsedRange() => IpRange.TryParse(Range, out var range, out _) ? range : null;
}
