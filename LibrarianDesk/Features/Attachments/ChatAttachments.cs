using LibrarianDesk.Data;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Scheduling;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Attachments;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LibrarianDesk.Features.Attachments;

/// <summary>
/// Files in a chat: a patron's or a librarian's upload becomes a message like any other (numbered in the
/// conversation's order, committed before it is acknowledged, then pushed to the patron and the desk), its bytes stored
/// in the same transaction; and each side downloads what it may see. The file's kind is judged from its content
/// (<see cref="AttachmentFile.Inspect"/>) and an image loses its metadata (<see cref="ImageMetadata.Strip"/>) before
/// anything is stored. The per-conversation limit is counted in the database inside the write, so it holds across
/// servers.
/// </summary>
public sealed class ChatAttachments(
    IDbContextFactory<DeskDbContext> dbFactory,
    ServiceHoursStore serviceHours,
    PatronPush patrons,
    DeskNotifier notifier,
    SqliteWriteGate writes,
    ConversationOrder order,
    PatronInput input,
    IOptionsMonitor<AttachmentOptions> options,
    TimeProvider time)
{
    private const int MaxWriteAttempts = 5;
    private static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);

    public long MaxBytes => options.CurrentValue.MaxBytes;

    /// <summary>The patron's file, proven with the conversation's token.</summary>
    public Task<SentAttachment> SendFromPatronAsync(Guid conversationId, string? patronToken, string? clientMessageId, string? fileName, byte[] content) =>
        SendAsync(new Sender(MessageAuthor.Patron, null, patronToken), conversationId, clientMessageId, fileName, content);

    /// <summary>A librarian's file, to the Active conversation they serve; otherwise <see cref="ConversationTakenException"/>.</summary>
    public Task<SentAttachment> SendFromLibrarianAsync(string librarianId, Guid conversationId, string? clientMessageId, string? fileName, byte[] content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(librarianId);
        return SendAsync(new Sender(MessageAuthor.Librarian, librarianId, null), conversationId, clientMessageId, fileName, content);
    }

    /// <summary>A file for the patron holding the conversation's token; a wrong token and an unknown file are refused alike.</summary>
    public async Task<AttachmentDownload> ForPatronAsync(Guid attachmentId, string? patronToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var found = await FindAsync(db, attachmentId);
        if (found is null || !PatronToken.Matches(patronToken, found.TokenHash) || !TranscriptAudience.Patron.Sees(found.Message))
        {
            throw PatronRequestException.NotYours();
        }

        return await ContentAsync(db, found.Message.Attachment!);
    }

    /// <summary>A file for the team (any conversation a librarian or supervisor may open).</summary>
    public async Task<AttachmentDownload> ForStaffAsync(Guid attachmentId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var found = await FindAsync(db, attachmentId) ?? throw NotFound();
        return await ContentAsync(db, found.Message.Attachment!);
    }

    private static async Task<FoundAttachment?> FindAsync(DeskDbContext db, Guid attachmentId) =>
        await db.ChatMessages.AsNoTracking()
            .Where(m => m.Attachment!.Id == attachmentId)
            .Select(m => new FoundAttachment(m, db.Conversations.Where(c => c.Id == m.ConversationId).Select(c => c.PatronTokenHash).Single()))
            .SingleOrDefaultAsync();

    private static async Task<AttachmentDownload> ContentAsync(DeskDbContext db, MessageAttachment attachment)
    {
        var bytes = attachment.Removed ? null
            : await db.AttachmentContents.AsNoTracking().Where(c => c.AttachmentId == attachment.Id).Select(c => c.Bytes).SingleOrDefaultAsync();
        return bytes is null ? throw NotFound()
            : new AttachmentDownload(attachment.FileName, AttachmentFile.ContentType(attachment.Kind), AttachmentFile.IsImage(attachment.Kind), bytes);
    }

    private static PatronRequestException NotFound() => new(PatronHubContract.ErrorCodes.NotFound, "Attachment_Error_Removed");

    private async Task<SentAttachment> SendAsync(Sender sender, Guid conversationId, string? clientMessageId, string? fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var clientId = input.ValidClientMessageId(clientMessageId);
        var limits = options.CurrentValue;
        if (content.LongLength > limits.MaxBytes)
        {
            throw TooLarge(limits);
        }

        var check = AttachmentFile.Inspect(fileName ?? "", content);
        if (check.Kind is not { } kind)
        {
            throw PatronRequestException.Invalid(RefusalKey(check.Refusal));
        }

        // Stripping works on the image's segments only; an image whose segments do not add up is refused, not stored.
        var stored = ImageMetadata.Strip(kind, content) ?? throw PatronRequestException.Invalid(RefusalKey(AttachmentFile.TypeRefused));
        var attachment = MessageAttachment.Of(Guid.CreateVersion7(time.GetUtcNow()), AttachmentFile.NameFor(kind, fileName!), kind, stored.LongLength);
        return await order.InOrderAsync(conversationId, () => WriteAndPushAsync(sender, conversationId, clientId, attachment, stored, limits));
    }

    /// <summary>
    /// Reads, checks and appends in one transaction inside the write gate (SQLite: this process's only writer) with the
    /// conversation's row locked (PostgreSQL: every server's writers, the chat writer included, wait for it), so the count
    /// of the last minute's files and the sequence number are still true at the commit.
    /// </summary>
    private async Task<SentAttachment> WriteAndPushAsync(
        Sender sender, Guid conversationId, string clientId, MessageAttachment attachment, byte[] bytes, AttachmentOptions limits)
    {
        var clock = sender.Author == MessageAuthor.Librarian ? await serviceHours.MetricClockAsync() : null;
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var authorName = sender.LibrarianId is null ? null
                : await db.Users.Where(u => u.Id == sender.LibrarianId).Select(u => u.DisplayName).SingleOrDefaultAsync();
            ChatMessage message;
            Conversation conversation;
            try
            {
                using (await writes.EnterAsync())
                {
                    await using var transaction = await db.Database.BeginTransactionAsync();
                    if (db.Database.IsNpgsql())
                    {
                        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Conversations" WHERE "Id" = {conversationId} FOR UPDATE""");
                    }

                    conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId) ?? throw sender.Unknown(conversationId);
                    sender.Require(conversation);
                    var earlier = await db.ChatMessages.AsNoTracking()
                        .SingleOrDefaultAsync(m => m.ConversationId == conversationId && m.ClientMessageId == clientId);
                    if (earlier is not null)
                    {
                        // The same id on a written message is the client's mistake, not a resend of this file.
                        return earlier.Attachment is null
                            ? throw PatronRequestException.Invalid("Patron_Error_ClientMessageId")
                            : new SentAttachment(earlier, authorName, IsResend: true);
                    }

                    if (!Conversation.Accepts(conversation.Status, sender.Author))
                    {
                        throw new PatronRequestException(PatronHubContract.ErrorCodes.Closed, "Patron_Error_ConversationEnded");
                    }

                    var now = time.GetStoredUtcNow();
                    var since = now - RateWindow;
                    var recent = await db.ChatMessages.Where(m => m.ConversationId == conversationId && m.Attachment != null && m.SentAt > since)
                        .Select(m => m.SentAt).ToListAsync();
                    if (recent.Count >= limits.PerConversationPerMinute)
                    {
                        var wait = recent.Min() + RateWindow - now;
                        throw new PatronRequestException(
                            PatronHubContract.ErrorCodes.RateLimited, "Attachment_Error_RateLimited",
                            limits.PerConversationPerMinute, Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)));
                    }

                    message = conversation.AppendAttachment(sender.Author, sender.LibrarianId, attachment, now, clientId);
                    if (clock is not null)
                    {
                        conversation.RecordMetrics(clock);
                    }

                    db.AttachmentContents.Add(AttachmentContent.Of(attachment.Id, conversationId, bytes));
                    await db.SaveChangesAsync();
                    await transaction.CommitAsync();
                }
            }
            catch (DbUpdateException) when (attempt < MaxWriteAttempts)
            {
                // Another server took the sequence number or the same id arrived there: read and decide again.
                continue;
            }

            await Task.WhenAll(
                patrons.MessageAsync(PatronMessages.Of(message, authorName, conversation.Language)),
                notifier.PublishAsync(new ConversationMessageAdded(conversationId, new TranscriptLine(message, authorName))));
            return new SentAttachment(message, authorName, IsResend: false);
        }
    }

    private static PatronRequestException TooLarge(AttachmentOptions limits) =>
        new(PatronHubContract.ErrorCodes.TooLarge, "Attachment_Error_TooLarge", Megabytes(limits.MaxBytes));

    /// <summary>The refusal for a body over the limit, raised by the endpoint while it reads.</summary>
    public PatronRequestException TooLarge() => TooLarge(options.CurrentValue);

    /// <summary>The limit as the sentence names it: whole megabytes, or one decimal below ten.</summary>
    private static string Megabytes(long bytes)
    {
        var megabytes = bytes / (1024d * 1024d);
        return megabytes >= 10 || megabytes == Math.Floor(megabytes)
            ? Math.Floor(megabytes).ToString(System.Globalization.CultureInfo.CurrentCulture)
            : megabytes.ToString("0.#", System.Globalization.CultureInfo.CurrentCulture);
    }

    private static string RefusalKey(string? refusal) => refusal switch
    {
        AttachmentFile.Empty => "Attachment_Error_Empty",
        AttachmentFile.NameMismatch => "Attachment_Error_NameMismatch",
        AttachmentFile.NameInvalid => "Attachment_Error_NameInvalid",
        _ => "Attachment_Error_TypeRefused",
    };

    private sealed record FoundAttachment(ChatMessage Message, string TokenHash);

    /// <summary>Who sends the file and what proves they may: the patron's token, or the librarian owning the conversation.</summary>
    private sealed record Sender(MessageAuthor Author, string? LibrarianId, string? Token)
    {
        public Exception Unknown(Guid conversationId) => Author == MessageAuthor.Patron
            ? PatronRequestException.NotYours()
            : new ConversationTakenException(conversationId, ConversationStatus.Missed, null);

        public void Require(Conversation conversation)
        {
            if (Author == MessageAuthor.Patron)
            {
                if (!PatronToken.Matches(Token, conversation.PatronTokenHash))
                {
                    throw PatronRequestException.NotYours();
                }

                return;
            }

            if (conversation.Status != ConversationStatus.Active || conversation.OwnerId != LibrarianId)
            {
                throw new ConversationTakenException(conversation.Id, conversation.Status, null);
            }
        }
    }
}

/// <summary>An upload as committed; <see cref="IsResend"/> when the same client id had sent it before.</summary>
public sealed record SentAttachment(ChatMessage Message, string? AuthorName, bool IsResend)
{
    public AttachmentAcknowledgement Acknowledgement =>
        new(Message.Sequence, Message.SentAt, PatronMessages.AttachmentOf(Message.Attachment!));
}

/// <summary>A file to send back: its stored name, the type it is served as, whether it is shown inline, its bytes.</summary>
public sealed record AttachmentDownload(string FileName, string ContentType, bool IsImage, byte[] Bytes);
