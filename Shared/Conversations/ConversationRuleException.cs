namespace LibrarianDesk.Shared.Conversations;

/// <summary>A state change the conversation's rules do not allow. <see cref="Code"/> is stable; the UI localises it.</summary>
public sealed class ConversationRuleException : Exception
{
    public const string NotWaiting = "not_waiting";
    public const string AlreadyEnded = "already_ended";
    public const string NotActive = "not_active";

    /// <summary>The patron gave no email address when starting, so there is nowhere a transcript may go.</summary>
    public const string NoTranscriptAddress = "no_transcript_address";

    /// <summary>A transcript was asked for to an address other than the one the patron started with.</summary>
    public const string NotTheTranscriptAddress = "not_the_transcript_address";

    /// <summary>Only an ended conversation that was answered is classified (a missed one once it was followed up).</summary>
    public const string NotAnswered = "not_answered";

    public const string AlreadyClassified = "already_classified";

    /// <summary>Only a missed conversation is followed up by email.</summary>
    public const string NotMissed = "not_missed";

    /// <summary>The patron gave no email address, so a follow-up has nowhere to go.</summary>
    public const string NoFollowUpAddress = "no_follow_up_address";

    public const string AlreadyFollowedUp = "already_followed_up";

    public ConversationRuleException(string code)
        : base(code) => Code = code;

    public ConversationRuleException()
        : this("unknown")
    {
    }

    public ConversationRuleException(string message, Exception innerException)
        : base(message, innerException) => Code = message;

    public string Code { get; }
}
