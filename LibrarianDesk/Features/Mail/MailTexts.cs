using System.Globalization;
using System.Net;
using System.Resources;
using System.Text;
using System.Text.RegularExpressions;
using LibrarianDesk.Components;
using LibrarianDesk.Resources;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.OfflineMessages;

namespace LibrarianDesk.Features.Mail;

/// <summary>
/// The desk's mails, written in the reader's language (Indonesian unless "en") from a template: a
/// Supervisor's (<see cref="MailTemplateStore"/>) or the default built here from the resource files.
/// </summary>
public static partial class MailTexts
{
    private static readonly ResourceManager Resources = new(typeof(DeskStrings));

    public static CultureInfo CultureFor(string? language) =>
        language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase)
            ? CultureInfo.GetCultureInfo("en") : CultureInfo.GetCultureInfo("id");

    /// <summary>"en" or "id": the template language for a reader's language.</summary>
    public static string TemplateLanguage(string? language) => CultureFor(language).TwoLetterISOLanguageName;

    public static string Text(string key, CultureInfo culture, params object[] arguments)
    {
        var format = Resources.GetString(key, culture) ?? key;
        return arguments.Length == 0 ? format : string.Format(culture, format, arguments);
    }

    /// <summary>The wording the desk ships with, from the resource files, with the resources' {0} turned into named placeholders.</summary>
    public static MailTemplate DefaultTemplate(string kind, string language)
    {
        var c = CultureFor(language);
        var (subject, body) = kind switch
        {
            MailTemplateKinds.OfflineReply => (
                Text("Mail_Reply_Subject", c),
                $"{{Greeting}}\n\n{{Reply}}\n\n{{SignOff}}\n"
                + $"{Text("Mail_Signature", c)}\n\n{Text("Mail_Reply_QuotedIntro", c, "{ReceivedAt}")}\n{{Question}}\n"),
            MailTemplateKinds.OfflineAnnouncement => (
                Text("Mail_Announce_Subject", c, "{PatronName}"),
                $"{Text("Mail_Announce_Intro", c)}\n\n{Text("Mail_Announce_From", c, "{PatronName}", "{PatronEmail}")}\n"
                + $"{Text("Mail_Announce_MemberNumber", c, "{MemberNumber}")}\n{Text("Mail_Announce_QuestionType", c, "{QuestionType}")}\n"
                + $"{Text("Mail_Announce_Received", c, "{ReceivedAt}")}\n\n{{Question}}\n\n{Text("Mail_Announce_HowToReply", c)}\n"),
            MailTemplateKinds.Transcript => (
                Text("Mail_Transcript_Subject", c),
                $"{Text("Mail_Transcript_Intro", c, "{StartedAt}")}\n\n{{Transcript}}\n\n{Text("Mail_Signature", c)}\n"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a mail with a template."),
        };
        return new MailTemplate { Kind = kind, Language = c.TwoLetterISOLanguageName, Subject = subject, Body = body };
    }

    /// <summary>
    /// The answer to a patron's question by email (an offline message, or a missed chat followed up): the reply,
    /// the librarian, and the question quoted. The greeting and sign-off are added only where the librarian did
    /// not write her own (<see cref="ReplyCourtesy"/>).
    /// </summary>
    public static RenderedMail Reply(MailTemplate template, PatronQuestion question, string replyText, string librarianName, string libraryName)
    {
        ArgumentNullException.ThrowIfNull(question);
        var culture = CultureFor(question.Language);
        var name = Outbox.SingleLine(librarianName);
        return Render(template, new Dictionary<string, MailValue>
        {
            ["Greeting"] = MailValue.Plain(ReplyCourtesy.Greets(replyText) ? "" : Text("Mail_Reply_Greeting", culture, Outbox.SingleLine(question.PatronName) ?? "")),
            ["SignOff"] = MailValue.Plain(ReplyCourtesy.SignsOff(replyText) ? "" : $"{Text("Mail_Reply_SignOff", culture)}\n{name}"),
            ["PatronName"] = MailValue.Plain(Outbox.SingleLine(question.PatronName)),
            ["Question"] = Quoted(question.Text),
            ["Reply"] = MailValue.Plain(replyText),
            ["LibrarianName"] = MailValue.Plain(name),
            ["ReceivedAt"] = MailValue.Plain(WibTime.Format(question.AskedAt, culture)),
            ["LibraryName"] = MailValue.Plain(libraryName),
        });
    }

    /// <summary>The library mailbox's notice of a new offline message.</summary>
    public static RenderedMail Announcement(MailTemplate template, OfflineMessage message, string? questionType, string libraryName)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(template);
        var culture = CultureFor(template.Language);
        return Render(template, new Dictionary<string, MailValue>
        {
            ["PatronName"] = MailValue.Plain(Outbox.SingleLine(message.Name)),
            ["PatronEmail"] = MailValue.Plain(Outbox.SingleLine(message.Email)),
            ["MemberNumber"] = MailValue.Plain(message.MemberNumber ?? "-"),
            ["QuestionType"] = MailValue.Plain(questionType ?? "-"),
            ["Question"] = Quoted(message.Text),
            ["ReceivedAt"] = MailValue.Plain(WibTime.Format(message.ReceivedAt, culture)),
            ["LibraryName"] = MailValue.Plain(libraryName),
        });
    }

    /// <summary>
    /// A conversation's transcript in the patron's language, with WIB times and librarians' display names. Which
    /// lines its reader sees, and in which words, the conversation's audience rule chose already
    /// (<c>TranscriptAudiences.Transcript</c> in Conversations).
    /// </summary>
    public static RenderedMail Transcript(MailTemplate template, Conversation conversation, IReadOnlyList<TranscriptMailLine> lines, string libraryName)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(lines);
        var culture = CultureFor(conversation.Language);
        string Who(TranscriptMailLine line) => line.Author switch
        {
            MessageAuthor.Patron => Outbox.SingleLine(conversation.PatronName) ?? "",
            MessageAuthor.Librarian => Outbox.SingleLine(line.AuthorName) ?? Text("Mail_Transcript_Librarian", culture),
            MessageAuthor.Note => Text("Workspace_NoteBy", culture, Outbox.SingleLine(line.AuthorName) ?? Text("Mail_Transcript_Librarian", culture)),
            _ => Text("Mail_Transcript_Desk", culture),
        };

        var text = new StringBuilder();
        var html = new StringBuilder();
        foreach (var line in lines)
        {
            var heading = $"{WibTime.Format(line.SentAt, culture)} · {Who(line)}";
            text.Append(heading).Append('\n').Append(MailTemplateText.Normalize(line.Words)).Append("\n\n");
            html.Append("<p><strong>").Append(WebUtility.HtmlEncode(heading)).Append("</strong><br>")
                .Append(MailTemplateText.HtmlLines(line.Words)).Append("</p>");
        }

        return Render(template, new Dictionary<string, MailValue>
        {
            ["PatronName"] = MailValue.Plain(Outbox.SingleLine(conversation.PatronName)),
            ["StartedAt"] = MailValue.Plain(WibTime.Format(conversation.StartedAt, culture)),
            ["Transcript"] = new MailValue(text.ToString().TrimEnd(), html.ToString()),
            ["LibraryName"] = MailValue.Plain(libraryName),
        });
    }

    /// <summary>Made-up values for a Supervisor's preview of a template.</summary>
    public static RenderedMail Preview(MailTemplate template, string libraryName)
    {
        ArgumentNullException.ThrowIfNull(template);
        var culture = CultureFor(template.Language);
        var english = culture.TwoLetterISOLanguageName == "en";
        var received = new DateTimeOffset(2026, 12, 6, 4, 15, 0, TimeSpan.Zero);
        var message = new OfflineMessage
        {
            Name = "Siti Rahma", Email = "siti.rahma@contoh.id", MemberNumber = "1234567890", ReceivedAt = received, Language = template.Language,
            Text = english ? "Can I read old manuscripts on site?" : "Apakah koleksi naskah kuno bisa dibaca di tempat?",
        };
        var reply = english ? "Yes, in the manuscript reading room on floor 9." : "Bisa, di ruang baca naskah lantai 9.";
        return template.Kind switch
        {
            MailTemplateKinds.OfflineReply => Reply(template, PatronQuestion.Of(message), reply, "Sari Wulandari", libraryName),
            MailTemplateKinds.OfflineAnnouncement => Announcement(template, message, english ? "Collections" : "Koleksi", libraryName),
            _ => PreviewTranscript(template, message, reply, libraryName),
        };
    }

    private static RenderedMail PreviewTranscript(MailTemplate template, OfflineMessage message, string reply, string libraryName)
    {
        var conversation = Conversation.Start(Guid.Empty, message.Name, message.Email, message.MemberNumber, null, null, message.ReceivedAt, language: message.Language);
        List<TranscriptMailLine> lines =
        [
            new(message.ReceivedAt, MessageAuthor.Patron, null, message.Text),
            new(message.ReceivedAt.AddMinutes(2), MessageAuthor.Librarian, "Sari Wulandari", reply),
        ];
        return Transcript(template, conversation, lines, libraryName);
    }

    private static RenderedMail Render(MailTemplate template, Dictionary<string, MailValue> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new RenderedMail(
            Outbox.SingleLine(MailTemplateText.RenderText(template.Subject, values)) ?? "",
            BlankLines().Replace(MailTemplateText.RenderText(template.Body, values).Trim(), "\n\n") + "\n",
            BlankBreaks().Replace(LeadingBreaks().Replace(MailTemplateText.RenderHtml(template.Body.Trim(), values), ""), "<br><br>"));
    }

    // A placeholder left empty (a greeting the librarian wrote herself) leaves no gap of blank lines behind.
    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"(?:<br>\s*){3,}")]
    private static partial Regex BlankBreaks();

    [GeneratedRegex(@"(?<=<body[^>]*>)(?:<br>\s*)+")]
    private static partial Regex LeadingBreaks();

    private static MailValue Quoted(string text) => new(
        string.Join('\n', MailTemplateText.Normalize(text).Split('\n').Select(line => "> " + line)),
        "<blockquote style=\"border-left:3px solid #ccc;margin:0;padding-left:1em;color:#555\">" + MailTemplateText.HtmlLines(text) + "</blockquote>");
}

/// <summary>What a patron asked, and when, as a reply mail quotes it; <see cref="Language"/> is the patron's.</summary>
public sealed record PatronQuestion(string PatronName, string Language, string Text, DateTimeOffset AskedAt)
{
    public static PatronQuestion Of(OfflineMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Name, message.Language, message.Text, message.ReceivedAt);
    }
}

/// <summary>A line of a transcript mail as its reader sees it: when, whose, and in which words.</summary>
public sealed record TranscriptMailLine(DateTimeOffset SentAt, MessageAuthor Author, string? AuthorName, string Words);

/// <summary>A mail written out: one-line subject, plain text, HTML.</summary>
public sealed record RenderedMail(string Subject, string Text, string Html);
