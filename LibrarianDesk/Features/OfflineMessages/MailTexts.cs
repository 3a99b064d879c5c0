using System.Globalization;
using System.Net;
using System.Resources;
using System.Text;
using LibrarianDesk.Components;
using LibrarianDesk.Resources;
using LibrarianDesk.Shared.OfflineMessages;

namespace LibrarianDesk.Features.OfflineMessages;

/// <summary>The desk's mails, written in the reader's language from the resource files (Indonesian unless "en").</summary>
public static class MailTexts
{
    private static readonly ResourceManager Resources = new(typeof(DeskStrings));

    public const string LibraryLanguage = "id";

    public static CultureInfo CultureFor(string? language) =>
        language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase)
            ? CultureInfo.GetCultureInfo("en") : CultureInfo.GetCultureInfo("id");

    public static string Text(string key, CultureInfo culture, params object[] arguments)
    {
        var format = Resources.GetString(key, culture) ?? key;
        return arguments.Length == 0 ? format : string.Format(culture, format, arguments);
    }

    /// <summary>The answer to an offline message: greeting, reply, signature, and the patron's question quoted.</summary>
    public static (string Subject, string Text, string Html) Reply(OfflineMessage message, string replyText, string librarianName)
    {
        ArgumentNullException.ThrowIfNull(message);
        var culture = CultureFor(message.Language);
        var name = Outbox.SingleLine(message.Name) ?? "";
        var greeting = Text("Mail_Reply_Greeting", culture, name);
        var signOff = Text("Mail_Reply_SignOff", culture);
        var signature = Text("Mail_Signature", culture);
        var quotedIntro = Text("Mail_Reply_QuotedIntro", culture, WibTime.Format(message.ReceivedAt, culture));

        var text = new StringBuilder()
            .Append(greeting).Append("\n\n")
            .Append(Normalize(replyText)).Append("\n\n")
            .Append(signOff).Append('\n').Append(Outbox.SingleLine(librarianName)).Append('\n').Append(signature).Append("\n\n")
            .Append(quotedIntro).Append('\n')
            .Append(Quote(message.Text)).Append('\n')
            .ToString();

        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
            .Append("<p>").Append(Html(greeting)).Append("</p>")
            .Append("<p>").Append(HtmlLines(replyText)).Append("</p>")
            .Append("<p>").Append(Html(signOff)).Append("<br>").Append(Html(librarianName)).Append("<br>").Append(Html(signature)).Append("</p>")
            .Append("<p style=\"color:#555\">").Append(Html(quotedIntro)).Append("</p>")
            .Append("<blockquote style=\"border-left:3px solid #ccc;margin:0;padding-left:1em;color:#555\">")
            .Append(HtmlLines(message.Text)).Append("</blockquote></body></html>")
            .ToString();

        return (Text("Mail_Reply_Subject", culture), text, html);
    }

    /// <summary>The library mailbox's notice of a new offline message (in the library's language).</summary>
    public static (string Subject, string Text) Announcement(OfflineMessage message, string? questionType)
    {
        ArgumentNullException.ThrowIfNull(message);
        var culture = CultureFor(LibraryLanguage);
        var name = Outbox.SingleLine(message.Name) ?? "";
        var text = new StringBuilder()
            .Append(Text("Mail_Announce_Intro", culture)).Append("\n\n")
            .Append(Text("Mail_Announce_From", culture, name, message.Email)).Append('\n')
            .Append(Text("Mail_Announce_MemberNumber", culture, message.MemberNumber ?? "-")).Append('\n')
            .Append(Text("Mail_Announce_QuestionType", culture, questionType ?? "-")).Append('\n')
            .Append(Text("Mail_Announce_Received", culture, WibTime.Format(message.ReceivedAt, culture))).Append("\n\n")
            .Append(Quote(message.Text)).Append("\n\n")
            .Append(Text("Mail_Announce_HowToReply", culture)).Append('\n')
            .ToString();
        return (Text("Mail_Announce_Subject", culture, name), text);
    }

    /// <summary>
    /// The transcript a patron asked for: every message the patron saw, with WIB times and librarians'
    /// display names; internal notes are never part of it.
    /// </summary>
    public static (string Subject, string Text, string Html) Transcript(
        Shared.Conversations.Conversation conversation, IReadOnlyList<(Shared.Conversations.ChatMessage Message, string? AuthorName)> lines)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(lines);
        var culture = CultureFor(conversation.Language);
        var visible = lines.Where(l => l.Message.Author != Shared.Conversations.MessageAuthor.Note).ToList();
        string Who((Shared.Conversations.ChatMessage Message, string? AuthorName) line) => line.Message.Author switch
        {
            Shared.Conversations.MessageAuthor.Patron => Outbox.SingleLine(conversation.PatronName) ?? "",
            Shared.Conversations.MessageAuthor.Librarian => Outbox.SingleLine(line.AuthorName) ?? Text("Mail_Transcript_Librarian", culture),
            _ => Text("Mail_Transcript_Desk", culture),
        };

        var intro = Text("Mail_Transcript_Intro", culture, WibTime.Format(conversation.StartedAt, culture));
        var text = new StringBuilder().Append(intro).Append("\n\n");
        var html = new StringBuilder().Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
            .Append("<p>").Append(Html(intro)).Append("</p>");
        foreach (var line in visible)
        {
            var heading = $"{WibTime.Format(line.Message.SentAt, culture)} · {Who(line)}";
            text.Append(heading).Append('\n').Append(Normalize(line.Message.Text)).Append("\n\n");
            html.Append("<p><strong>").Append(Html(heading)).Append("</strong><br>").Append(HtmlLines(line.Message.Text)).Append("</p>");
        }

        var signature = Text("Mail_Signature", culture);
        text.Append(signature).Append('\n');
        html.Append("<p>").Append(Html(signature)).Append("</p></body></html>");
        return (Text("Mail_Transcript_Subject", culture), text.ToString(), html.ToString());
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    private static string Quote(string text) => string.Join('\n', Normalize(text).Split('\n').Select(line => "> " + line));

    private static string Html(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string HtmlLines(string text) => string.Join("<br>", Normalize(text).Split('\n').Select(Html));
}
