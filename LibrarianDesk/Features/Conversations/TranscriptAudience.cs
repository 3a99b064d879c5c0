using System.Globalization;
using System.Linq.Expressions;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.OfflineMessages;

namespace LibrarianDesk.Features.Conversations;

/// <summary>Who reads a conversation's lines: what each sees, and in which words, is <see cref="TranscriptAudiences"/>.</summary>
public enum TranscriptAudience
{
    /// <summary>Every librarian and supervisor who may open the conversation: the workspace, history, history search, the staff download.</summary>
    Team,

    /// <summary>The patron: the widget and what the patron hub replays, the transcript mail, anything made for the patron.</summary>
    Patron,
}

/// <summary>
/// The one rule for which lines of a conversation each audience sees, and the words of the desk's own
/// lines. Internal notes are the team's: every librarian and supervisor who can open a conversation sees
/// and searches all of its notes, whoever wrote them; the patron never sees one.
/// </summary>
public static class TranscriptAudiences
{
    /// <summary>The lines the patron sees, for a query: every line but internal notes.</summary>
    public static readonly Expression<Func<ChatMessage, bool>> SeenByPatron = m => m.Author != MessageAuthor.Note;

    private static readonly Func<ChatMessage, bool> PatronSees = SeenByPatron.Compile();

    public static bool Sees(this TranscriptAudience audience, ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return audience == TranscriptAudience.Team || PatronSees(message);
    }

    /// <summary>
    /// The line's text for <paramref name="audience"/> in <paramref name="culture"/>: a desk line worded for
    /// that side ("Percakapan dialihkan ke Budi" for the team, "Anda sekarang dilayani oleh Budi" for the
    /// patron), any other line as written.
    /// </summary>
    public static string Words(this TranscriptAudience audience, ChatMessage message, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(message);
        return (message.Author, message.SystemEvent, audience) switch
        {
            (MessageAuthor.System, SystemEvent.Transferred, TranscriptAudience.Team) => MailTexts.Text("Line_Transferred", culture, message.Text),
            (MessageAuthor.System, SystemEvent.Transferred, TranscriptAudience.Patron) => MailTexts.Text("Patron_Line_Transferred", culture, message.Text),
            _ => message.Text,
        };
    }

    /// <summary>A line as a transcript mail or download shows it: a file by its name and size only, never its content.</summary>
    private static string MailWords(TranscriptAudience audience, ChatMessage message, CultureInfo culture) =>
        message.Attachment is { } file
            ? MailTexts.Text("Line_Attachment", culture, file.FileName, FileSizes.Describe(file.Length, culture))
            : audience.Words(message, culture);

    /// <summary>
    /// The transcript mail (or the team's download) for <paramref name="audience"/>: for the patron every line the
    /// patron saw; for the team every line, internal notes marked as such.
    /// </summary>
    public static RenderedMail Transcript(
        this TranscriptAudience audience, MailTemplate template, Conversation conversation,
        IReadOnlyList<(ChatMessage Message, string? AuthorName)> lines, string libraryName)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(lines);
        var culture = MailTexts.CultureFor(conversation.Language);
        return MailTexts.Transcript(
            template, conversation,
            lines.Where(l => audience.Sees(l.Message))
                .Select(l => new TranscriptMailLine(l.Message.SentAt, l.Message.Author, l.AuthorName, MailWords(audience, l.Message, culture)))
                .ToList(),
            libraryName);
    }
}
