namespace LibrarianDesk.Features.OfflineMessages;

/// <summary>A patron left a message for the offline inbox.</summary>
public sealed record OfflineMessageReceived(Guid OfflineMessageId);

/// <summary>An offline message was answered or closed (its status, and the count of new ones, changed).</summary>
public sealed record OfflineMessageChanged(Guid OfflineMessageId);
