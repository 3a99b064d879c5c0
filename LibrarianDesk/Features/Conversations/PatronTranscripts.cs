using LibrarianDesk.Data;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Features.Privacy;
using LibrarianDesk.Shared.OfflineMessages;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.Conversations;

/// <summary>The patron's transcript in the transcript mail's words (the library's template, the patron's language), for Privacy's data export.</summary>
public sealed class PatronTranscripts(ConversationQueries queries, MailTemplateStore templates, IDbContextFactory<DeskDbContext> dbFactory) : IPatronTranscripts
{
    public async Task<string?> TextAsync(Guid conversationId, CancellationToken cancellationToken = default)
    {
        var detail = await queries.DetailAsync(conversationId, cancellationToken);
        if (detail is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var template = await templates.GetAsync(db, MailTemplateKinds.Transcript, detail.Conversation.Language, cancellationToken);
        return TranscriptAudience.Patron.Transcript(template, detail.Conversation, detail.Lines.Select(l => (l.Message, l.AuthorName)).ToList(), templates.LibraryName).Text;
    }
}
