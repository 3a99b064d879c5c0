using LibrarianDesk.Data;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.OfflineMessages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Conversations;

/// <summary>
/// Mails the transcript to a patron who asked for it, once the conversation has ended (asked before
/// or after the end). So that nobody can use the desk to mail a text of their own choosing, a
/// transcript goes only to the patron's start address (<see cref="Conversation.RequestTranscript"/>),
/// only for a conversation a librarian wrote in, once per conversation, and to one address at most
/// <see cref="MailOptions.TranscriptsPerAddressPerDay"/> times in 24 hours, counted in the outbox.
/// </summary>
public sealed class TranscriptMailer(
    DeskNotifier notifier,
    IDbContextFactory<DeskDbContext> dbFactory,
    Outbox outbox,
    MailTemplateStore templates,
    OutboxSender sender,
    SqliteWriteGate writes,
    IOptionsMonitor<MailOptions> options,
    TimeProvider time,
    ILogger<TranscriptMailer> logger)
    : IHostedService, IDisposable
{
    private readonly List<IDisposable> subscriptions = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscriptions.Add(notifier.SubscribeWhereRaised<ConversationStatusChanged>(e => SendIfDueAsync(e.ConversationId)));
        subscriptions.Add(notifier.SubscribeWhereRaised<TranscriptRequested>(e => SendIfDueAsync(e.ConversationId)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Why a transcript asked for now would never go out, as the patron is told; null when it will (or
    /// went out already: asking again sends nothing more). A conversation still open is not refused for
    /// lack of a librarian's message (one may still come); it just gets no mail if none does.
    /// </summary>
    public async Task<PatronRequestException?> RefusalAsync(DeskDbContext db, Conversation conversation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(conversation);
        if (await QueuedAsync(db, conversation.Id, cancellationToken))
        {
            return null;
        }

        if (conversation.Status is ConversationStatus.Closed or ConversationStatus.Missed
            && !await LibrarianWroteAsync(db, conversation.Id, cancellationToken))
        {
            return PatronRequestException.Invalid("Patron_Error_TranscriptNoLibrarian");
        }

        return conversation.PatronEmail is { } address && await AddressHadItsShareAsync(db, address, cancellationToken)
            ? PatronRequestException.Invalid("Patron_Error_TranscriptLimit", options.CurrentValue.TranscriptsPerAddressPerDay)
            : null;
    }

    public async Task SendIfDueAsync(Guid conversationId)
    {
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId);
            if (conversation is not { TranscriptEmail: { } email, Status: ConversationStatus.Closed or ConversationStatus.Missed }
                || await QueuedAsync(db, conversationId))
            {
                return;
            }

            if (!await LibrarianWroteAsync(db, conversationId))
            {
                logger.LogInformation("Transcript of {ConversationId} not sent: no librarian wrote in the conversation", conversationId);
                return;
            }

            var mail = await WriteAsync(db, conversation);

            // The checks and the insert share one write transaction: two requests at once, or two servers on
            // the database, queue one mail per conversation and count each other's.
            using (await writes.EnterAsync())
            {
                await using var transaction = await db.Database.BeginWriteTransactionAsync();
                if (await QueuedAsync(db, conversationId))
                {
                    return;
                }

                if (await AddressHadItsShareAsync(db, email))
                {
                    logger.LogWarning(
                        "Transcript of {ConversationId} not sent: its address already had {Limit} transcripts in 24 hours",
                        conversationId, options.CurrentValue.TranscriptsPerAddressPerDay);
                    return;
                }

                try
                {
                    outbox.Enqueue(db, email, mail.Subject, mail.Text, mail.Html, OutboxMailKinds.Transcript, conversationId);
                }
                catch (InvalidMailAddressException ex)
                {
                    logger.LogWarning("Transcript of {ConversationId} not queued: {Reason}", conversationId, ex.Message);
                    return;
                }

                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }
        }

        sender.Wake();
    }

    public void Dispose() => subscriptions.ForEach(s => s.Dispose());

    private async Task<RenderedMail> WriteAsync(DeskDbContext db, Conversation conversation)
    {
        var messages = await db.ChatMessages.AsNoTracking().Where(m => m.ConversationId == conversation.Id).OrderBy(m => m.Sequence).ToListAsync();
        var librarianIds = messages.Select(m => m.AuthorId).OfType<string>().Distinct().ToList();
        var names = await db.Users.Where(u => librarianIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        var template = await templates.GetAsync(db, MailTemplateKinds.Transcript, conversation.Language);
        return TranscriptAudience.Patron.Transcript(
            template, conversation, messages.Select(m => (m, m.AuthorId is null ? null : names.GetValueOrDefault(m.AuthorId))).ToList(), templates.LibraryName);
    }

    private static Task<bool> QueuedAsync(DeskDbContext db, Guid conversationId, CancellationToken cancellationToken = default) =>
        db.OutboxMails.AnyAsync(m => m.Kind == OutboxMailKinds.Transcript && m.RelatedId == conversationId, cancellationToken);

    /// <summary>A librarian's own words (a greeting included); internal notes are not for the patron and do not count.</summary>
    private static Task<bool> LibrarianWroteAsync(DeskDbContext db, Guid conversationId, CancellationToken cancellationToken = default) =>
        db.ChatMessages.AnyAsync(m => m.ConversationId == conversationId && m.Author == MessageAuthor.Librarian, cancellationToken);

    /// <summary>Every transcript queued to the address (in any letter case) in the last 24 hours counts, sent or not.</summary>
    private async Task<bool> AddressHadItsShareAsync(DeskDbContext db, string address, CancellationToken cancellationToken = default)
    {
        var since = time.GetStoredUtcNow() - TimeSpan.FromDays(1);
        var to = LikePattern.Exactly(address.Trim());
        var queued = await db.OutboxMails.CountAsync(
            m => m.Kind == OutboxMailKinds.Transcript && m.CreatedAt >= since && DeskText.Matches(m.To, to), cancellationToken);
        return queued >= Math.Max(0, options.CurrentValue.TranscriptsPerAddressPerDay);
    }
}
