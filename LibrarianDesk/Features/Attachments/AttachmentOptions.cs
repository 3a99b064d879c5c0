namespace LibrarianDesk.Features.Attachments;

/// <summary>Section <c>Desk:Attachments</c>: how large a file, and how many files a minute per conversation, the desk takes.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Desk:Attachments";

    /// <summary>The request's own overhead (the form's other fields and boundaries) allowed above <see cref="MaxBytes"/>.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    /// <summary>The largest file, in bytes: 10 MB, a phone photo or a scanned page.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Files one conversation may receive in any minute, the patron's and the librarian's together.</summary>
    public int PerConversationPerMinute { get; set; } = 5;

    /// <summary>The largest request body an upload may have.</summary>
    public long MaxRequestBytes => MaxBytes + FormOverheadBytes;

    /// <summary>Above 100 MB a single upload would hold a worker's memory for too long: refused at start.</summary>
    public const long MaxConfigurableBytes = 100 * 1024 * 1024;

    public bool IsValid => MaxBytes is > 0 and <= MaxConfigurableBytes && PerConversationPerMinute > 0;
}
