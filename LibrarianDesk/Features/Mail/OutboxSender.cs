using LibrarianDesk.Data;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.OfflineMessages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MailKit.Net.Smtp;
using MimeKit;

namespace LibrarianDesk.Features.Mail;

/// <summary>
/// Delivers the outbox: every due mail is handed to the transport; a failure is written to the mail
/// (attempts, error, next attempt after an exponentially growing pause) and nothing is lost.
/// Runs every few seconds and whenever <see cref="Wake"/> says a mail was committed.
/// </summary>
public sealed class OutboxSender(
    IDbContextFactory<DeskDbContext> dbFactory,
    IMailTransport transport,
    DeskNotifier notifier,
    IOptionsMonitor<MailOptions> options,
    TimeProvider time,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private const int BatchSize = 50;
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>A mail was committed: look now rather than at the next poll.</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already awake.
            }
        }
    }

    /// <summary>Sends every mail that is due now. Returns how many went out.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var settings = options.CurrentValue;
            var sent = 0;
            var problemsChanged = false;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = time.GetStoredUtcNow();
            var due = await db.OutboxMails
                .Where(m => m.SentAt == null && m.DiscardedAt == null && m.NextAttemptAt <= now && m.Attempts < settings.MaxAttempts)
                .OrderBy(m => m.NextAttemptAt)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            foreach (var mail in due)
            {
                try
                {
                    await transport.SendAsync(ToMime(mail, settings), cancellationToken);
                    problemsChanged |= mail.LastError is not null;
                    mail.SentAt = time.GetStoredUtcNow();
                    mail.Attempts++;
                    mail.LastError = null;
                    sent++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    problemsChanged = true;
                    mail.Attempts++;
                    mail.LastError = Truncate(Describe(ex), OutboxMail.MaxErrorLength);
                    mail.NextAttemptAt = time.GetStoredUtcNow() + RetryDelay(mail.Attempts, settings);
                    logger.LogWarning("Mail {MailId} to {To} failed (attempt {Attempts}): {Error}", mail.Id, mail.To, mail.Attempts, mail.LastError);
                }

                // Each outcome is committed at once: a crash after a send does not send it twice.
                await db.SaveChangesAsync(CancellationToken.None);
            }

            if (problemsChanged)
            {
                await notifier.PublishAsync(new OutboxProblemsChanged());
            }

            return sent;
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    /// <summary>The pause after the given number of failed attempts: first, 2×first, 4×first ... up to the maximum.</summary>
    public static TimeSpan RetryDelay(int failedAttempts, MailOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var seconds = Math.Min(settings.FirstRetrySeconds * Math.Pow(2, exponent), settings.MaxRetrySeconds);
        return TimeSpan.FromSeconds(Math.Max(1, seconds));
    }

    public static MimeMessage ToMime(OutboxMail mail, MailOptions settings)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(settings);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(Outbox.SingleLine(settings.SenderName), settings.SenderAddress));
        message.To.Add(new MailboxAddress(string.Empty, mail.To));
        message.Subject = Outbox.SingleLine(mail.Subject) ?? "";
        message.Date = mail.CreatedAt;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId(settings.SenderAddress.Split('@').Last());
        var body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody };
        message.Body = body.ToMessageBody();
        return message;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.SendInBackground)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The outbox could not be read; trying again later");
            }

            try
            {
                await wake.WaitAsync(TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.PollSeconds)), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        oneAtATime.Dispose();
        wake.Dispose();
        base.Dispose();
    }

    // The administrator needs the server's own words: the reply code tells a refused mailbox (550) from a full one (452).
    private static string Describe(Exception ex) => ex is SmtpCommandException smtp
        ? $"{ex.GetType().Name} ({(int)smtp.StatusCode} {smtp.StatusCode}): {ex.Message}"
        : $"{ex.GetType().Name}: {ex.Message}";

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
