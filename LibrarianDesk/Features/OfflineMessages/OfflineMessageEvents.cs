namespace LibrarianDesk.Features.OfflineMessages;

/// <summary>An offline message was answered or closed (its status, and the count of new ones, changed).</summary>
public sealed record OfflineMessageChanged(Guid OfflineMessageId);
