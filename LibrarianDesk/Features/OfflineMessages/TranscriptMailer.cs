using LibrarianDesk.Data;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.OfflineMessages;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.OfflineMessages;

/// <summary>
/// Mails the transcript to a patron who asked for it, once the conversation has ended (asked before
/// or after the end), exactly once per conversation.
/// </summary>
public sealed class TranscriptMailer(
    DeskNotifier notifier,
    IDbContextFactory<DeskDbContext> dbFactory,
    Outbox outbox,
    MailTemplateStore templates,
    OutboxSender sender,
    ILogger<TranscriptMailer> logger)
    : IHostedService, IDisposable
{
    private readonly List<IDisposable> subscriptions = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscriptions.Add(notifier.Subscribe<ConversationStatusChanged>(e => SendIfDueAsync(e.ConversationId)));
        subscriptions.Add(notifier.Subscribe<TranscriptRequested>(e => SendIfDueAsync(e.ConversationId)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task SendIfDueAsync(Guid conversationId)
    {
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId);
            if (conversation is not { TranscriptEmail: { } email, Status: ConversationStatus.Closed or ConversationStatus.Missed }
                || await db.OutboxMails.AnyAsync(m => m.Kind == OutboxMailKinds.Transcript && m.RelatedId == conversationId))
            {
                return;
            }

            var messages = await db.ChatMessages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.Sequence).ToListAsync();
            var librarianIds = messages.Select(m => m.AuthorId).OfType<string>().Distinct().ToList();
            var names = await db.Users.Where(u => librarianIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
            var template = await templates.GetAsync(db, MailTemplateKinds.Transcript, conversation.Language);
            var mail = MailTexts.Transcript(
                template, conversation, messages.Select(m => (m, m.AuthorId is null ? null : names.GetValueOrDefault(m.AuthorId))).ToList(), templates.LibraryName);
            try
            {
                outbox.Enqueue(db, email, mail.Subject, mail.Text, mail.Html, OutboxMailKinds.Transcript, conversationId);
            }
            catch (InvalidMailAddressException ex)
            {
                logger.LogWarning(ex, "Transcript of {ConversationId} not queued: the address is not valid", conversationId);
                return;
            }

            await db.SaveChangesAsync();
        }

        sender.Wake();
    }

    public void Dispose() => subscriptions.ForEach(s => s.Dispose());
}
