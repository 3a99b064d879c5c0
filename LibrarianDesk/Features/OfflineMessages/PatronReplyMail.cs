using LibrarianDesk.Data;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Shared.OfflineMessages;

namespace LibrarianDesk.Features.OfflineMessages;

/// <summary>
/// A librarian's answer to a patron's question by email (an offline message, or a missed chat followed up):
/// the offline reply's template in the patron's language, the question quoted, queued in the outbox within
/// the caller's unit of work so it commits with the caller's own record of the reply.
/// </summary>
public sealed class PatronReplyMail(Outbox outbox, MailTemplateStore templates)
{
    /// <summary>Queues the mail to <paramref name="to"/>; false, with nothing queued, when the address is unusable.</summary>
    public async Task<bool> TryQueueAsync(
        DeskDbContext db, string to, PatronQuestion question, string reply, string librarianName, string kind, Guid relatedId)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(question);
        var template = await templates.GetAsync(db, MailTemplateKinds.OfflineReply, question.Language);
        var mail = MailTexts.Reply(template, question, reply, librarianName, templates.LibraryName);
        try
        {
            outbox.Enqueue(db, to, mail.Subject, mail.Text, mail.Html, kind, relatedId);
            return true;
        }
        catch (InvalidMailAddressException)
        {
            return false;
        }
    }
}
