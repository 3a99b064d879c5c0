namespace LibrarianDesk.Features.Mail;

/// <summary>A mail failed, or a mail that had failed went out, was retried or discarded: the failed-deliveries count changed.</summary>
public sealed record OutboxProblemsChanged;
