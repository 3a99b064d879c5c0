using LibrarianDesk.Data;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.OfflineMessages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.OfflineMessages;

/// <summary>
/// The library mailbox's notice of a new offline message. It is queued in the same unit of work as the
/// message (<see cref="QueueAsync"/>), so a crash can lose neither without the other; once committed,
/// the sender is woken rather than left to its next poll.
/// </summary>
public sealed class OfflineMessageAnnouncer(
    Outbox outbox,
    MailTemplateStore templates,
    OutboxSender sender,
    DeskNotifier notifier,
    IOptionsMonitor<MailOptions> mailOptions,
    ILogger<OfflineMessageAnnouncer> logger) : IHostedService, IDisposable
{
    private IDisposable? subscription;

    /// <summary>Adds the announcement of <paramref name="message"/> to <paramref name="db"/> (not saved). No mailbox configured: nothing.</summary>
    public async Task QueueAsync(DeskDbContext db, OfflineMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        var settings = mailOptions.CurrentValue;
        if (string.IsNullOrWhiteSpace(settings.LibraryMailbox))
        {
            return;
        }

        var template = await templates.GetAsync(db, MailTemplateKinds.OfflineAnnouncement, settings.LibraryMailboxLanguage, cancellationToken);
        var english = template.Language == "en";
        var questionType = message.QuestionTypeId is not { } typeId ? null
            : await db.QuestionTypes.AsNoTracking().Where(q => q.Id == typeId)
                .Select(q => english ? q.NameEn : q.NameId).SingleOrDefaultAsync(cancellationToken);
        var mail = MailTexts.Announcement(template, message, questionType, settings.LibraryName);
        try
        {
            outbox.Enqueue(db, settings.LibraryMailbox, mail.Subject, mail.Text, mail.Html, OutboxMailKinds.OfflineAnnouncement, message.Id);
        }
        catch (InvalidMailAddressException ex)
        {
            // A misconfigured mailbox must not cost the patron's message: it is kept and shown in the inbox.
            logger.LogError(ex, "Desk:Mail:LibraryMailbox is not a valid address; offline message {MessageId} is not announced", message.Id);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = notifier.Subscribe<OfflineMessageReceived>(_ =>
        {
            sender.Wake();
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        subscription?.Dispose();
        subscription = null;
    }
}
