using LibrarianDesk.Data;
using LibrarianDesk.Hosting;
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
/// Polls every <see cref="MailOptions.PollSeconds"/> on one server at a time (the registered
/// <see cref="IPeriodicWorkLease"/>), and sends at once on the server whose <see cref="Wake"/> says a mail was
/// committed there. Whichever server looks, each mail is claimed in the database before it goes to the transport
/// (one conditional update, <see cref="ClaimAsync"/>), so two servers sending at the same moment never both send it.
/// </summary>
public sealed class OutboxSender(
    IDbContextFactory<DeskDbContext> dbFactory,
    IMailTransport transport,
    DeskNotifier notifier,
    DeskServer server,
    IOptionsMonitor<MailOptions> options,
    TimeProvider time,
    ILogger<OutboxSender> logger,
    IPeriodicWorkLease lease) : PeriodicWork(time, logger, lease)
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

    /// <summary>
    /// How long a claim keeps other servers off a mail: longer than any send (a send is several SMTP commands, each
    /// allowed the timeout), and short enough that a mail whose server died mid-send is sent by another soon after.
    /// </summary>
    public static TimeSpan ClaimLength(MailOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return TimeSpan.FromSeconds(Math.Max(60, 10 * settings.Smtp.TimeoutSeconds));
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
            var due = await Due(db, Time.GetStoredUtcNow(), settings)
                .AsNoTracking()
                .OrderBy(m => m.NextAttemptAt)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            foreach (var mail in due)
            {
                if (!await ClaimAsync(db, mail.Id, settings, cancellationToken))
                {
                    // Another server is sending it, or has sent it since the list was read.
                    continue;
                }

                string? error = null;
                try
                {
                    await transport.SendAsync(ToMime(mail, settings), cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    error = Truncate(Describe(ex), OutboxMail.MaxErrorLength);
                }

                // Each outcome is committed at once. A crash between the transport's acceptance and this commit leaves
                // the claim, and the mail goes out again once it lapses: at least once, never lost.
                if (error is null)
                {
                    problemsChanged |= mail.LastError is not null;
                    await RecordSentAsync(db, mail.Id);
                    sent++;
                }
                else
                {
                    problemsChanged = true;
                    var attempts = mail.Attempts + 1;
                    await RecordFailureAsync(db, mail.Id, error, Time.GetStoredUtcNow() + RetryDelay(attempts, settings));
                    logger.LogWarning("Mail {MailId} to {To} failed (attempt {Attempts}): {Error}", mail.Id, mail.To, attempts, error);
                }
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

    /// <summary>Mail to send now: unsent, not discarded, due, attempts left, and not claimed by a server (or its claim lapsed).</summary>
    private static IQueryable<OutboxMail> Due(DeskDbContext db, DateTimeOffset now, MailOptions settings) =>
        db.OutboxMails.Where(m => m.SentAt == null && m.DiscardedAt == null && m.NextAttemptAt <= now && m.Attempts < settings.MaxAttempts
            && (m.ClaimedUntil == null || m.ClaimedUntil <= now));

    /// <summary>Makes the mail this server's to send, if it is still due and nobody else's: one conditional update that only one server wins.</summary>
    private async Task<bool> ClaimAsync(DeskDbContext db, Guid mailId, MailOptions settings, CancellationToken cancellationToken)
    {
        var now = Time.GetStoredUtcNow();
        var until = now + ClaimLength(settings);
        var claimant = server.Id;
        return await Due(db, now, settings).Where(m => m.Id == mailId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, claimant).SetProperty(m => m.ClaimedUntil, until), cancellationToken) == 1;
    }

    // Recorded whoever holds the claim now: the mail has gone out.
    private async Task RecordSentAsync(DeskDbContext db, Guid mailId)
    {
        var sentAt = Time.GetStoredUtcNow();
        await db.OutboxMails.Where(m => m.Id == mailId).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.SentAt, sentAt)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LastError, (string?)null)
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
    }

    // Only while the claim is still this server's: a server that took over a lapsed claim records its own outcome.
    private async Task RecordFailureAsync(DeskDbContext db, Guid mailId, string error, DateTimeOffset nextAttemptAt)
    {
        var claimant = server.Id;
        await db.OutboxMails.Where(m => m.Id == mailId && m.ClaimedBy == claimant && m.SentAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.NextAttemptAt, nextAttemptAt)
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
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

    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.PollSeconds));

    protected override bool RunsAtStart => true;

    protected override string FailureMessage => "The outbox could not be read; trying again later";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => SendDueAsync(cancellationToken);

    /// <summary>The poll (leased) and, beside it, a send whenever <see cref="Wake"/> is called, on this server whatever the lease.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.SendInBackground)
        {
            return;
        }

        var polling = base.ExecuteAsync(stoppingToken);
        try
        {
            while (true)
            {
                await wake.WaitAsync(stoppingToken);
                try
                {
                    await SendDueAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "{Failure}", FailureMessage);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }

        await polling;
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
