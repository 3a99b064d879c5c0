namespace LibrarianDesk.Features.Privacy;

/// <summary>
/// A conversation's transcript as the patron reads it, for a data export. Conversations, a layer above, owns who sees
/// which line (<c>TranscriptAudience.Patron</c>) and implements this; Privacy only asks.
/// </summary>
public interface IPatronTranscripts
{
    /// <summary>The transcript's text, or null when the conversation does not exist.</summary>
    Task<string?> TextAsync(Guid conversationId, CancellationToken cancellationToken = default);
}
