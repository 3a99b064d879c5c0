namespace LibrarianDesk.Features.Mail;

/// <summary>Outgoing mail (section <c>Desk:Mail</c>). With no SMTP host, mail is written to the pickup folder.</summary>
public sealed class MailOptions
{
    /// <summary>The From address of every mail the desk sends.</summary>
    public string SenderAddress { get; set; } = "tanya-pustakawan@localhost.invalid";

    public string SenderName { get; set; } = "Tanya Pustakawan · Perpustakaan Nasional RI";

    /// <summary>The library's name, for the <c>{LibraryName}</c> placeholder of the mail templates.</summary>
    public string LibraryName { get; set; } = "Perpustakaan Nasional RI";

    /// <summary>The language ("id" or "en") of the announcements to the library mailbox.</summary>
    public string LibraryMailboxLanguage { get; set; } = "id";

    /// <summary>Where new offline messages are announced; empty: no announcement.</summary>
    public string? LibraryMailbox { get; set; }

    /// <summary>The folder (inside the data directory unless absolute) for <c>.eml</c> files when no SMTP host is set.</summary>
    public string PickupFolder { get; set; } = "mail-pickup";

    /// <summary>How many transcripts one address may be sent in 24 hours (rolling), however many conversations it had.</summary>
    public int TranscriptsPerAddressPerDay { get; set; } = 5;

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>How often the sender looks for due mail when nothing wakes it.</summary>
    public int PollSeconds { get; set; } = 30;

    /// <summary>The pause after the first failed attempt; it doubles with every further failure.</summary>
    public int FirstRetrySeconds { get; set; } = 60;

    /// <summary>The longest pause between two attempts.</summary>
    public int MaxRetrySeconds { get; set; } = 3600;

    /// <summary>After this many failed attempts the mail stays in the outbox, failed, for an administrator.</summary>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>Whether the background sender runs (off: mail waits until <c>SendDueAsync</c> is called).</summary>
    public bool SendInBackground { get; set; } = true;
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>None, Auto, StartTls, StartTlsWhenAvailable or SslOnConnect (MailKit's SecureSocketOptions).</summary>
    public string Tls { get; set; } = "StartTls";

    public string? User { get; set; }
    public string? Password { get; set; }
    public int TimeoutSeconds { get; set; } = 30;
}
