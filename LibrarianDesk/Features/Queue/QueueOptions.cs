namespace LibrarianDesk.Features.Queue;

/// <summary>Section <c>Desk:Queue</c>.</summary>
public sealed class QueueOptions
{
    /// <summary>While a conversation waits unclaimed, the Online librarians are rung again this often.</summary>
    public int RingRepeatSeconds { get; set; } = 20;

    /// <summary>A conversation nobody takes within this time becomes Missed (the patron is offered the offline form).</summary>
    public int MissedAfterSeconds { get; set; } = 180;

    /// <summary>How often the missed-conversation sweep looks.</summary>
    public int MissedSweepSeconds { get; set; } = 10;
}
