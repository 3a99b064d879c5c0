namespace LibrarianDesk.Features.OfflineMessages;

/// <summary>An offline message was answered or closed (its status, and the count of new ones, changed).</summary>
public sealed record OfflineMessageChanged(Guid OfflineMessageId);

/// <summary>A mail failed, or a mail that had failed went out, was retried or discarded: the failed-deliveries count changed.</summary>
public sealed record OutboxProblemsChanged;
