namespace LibrarianDesk.Shared.Attachments;

/// <summary>
/// What a file sent in a chat is, judged from its content (never from its name or the sender's word): the only kinds
/// the desk accepts.
/// </summary>
public enum FileKind
{
    Jpeg,
    Png,
    WebP,
    Gif,
    Pdf,
    Text,
    Docx,
    Xlsx,
    Pptx,
}
