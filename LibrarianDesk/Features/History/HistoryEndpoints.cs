using System.Globalization;
using System.Security.Claims;
using System.Text;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Mail;
using LibrarianDesk.Shared.Scheduling;
using LibrarianDesk.Shared.OfflineMessages;
using LibrarianDesk.Shared.Staff;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.History;

public static class HistoryEndpoints
{
    public const string Roles = DeskRoles.Librarian + "," + DeskRoles.Supervisor;

    /// <summary><see cref="Roles"/> as a list, for the services' own check.</summary>
    public static string[] ReaderRoles => [DeskRoles.Librarian, DeskRoles.Supervisor];

    public static string TranscriptPath(Guid conversationId) => $"/history/{conversationId}/transcript.txt";

    public static IEndpointRouteBuilder MapHistoryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The export is the team's transcript in the transcript mail's form (the library's template, the
        // patron's language, WIB times), with the internal notes, which are the team's: only staff download it.
        endpoints.MapGet("/history/{id:guid}/transcript.txt", async (Guid id, ClaimsPrincipal user, StaffCaller callers, ConversationQueries queries, MailTemplateStore templates, IDbContextFactory<DeskDbContext> dbFactory, CancellationToken cancellationToken) =>
            {
                await callers.RequireAsync(AuditActor.From(user), ReaderRoles);
                var detail = await queries.DetailAsync(id, cancellationToken);
                if (detail is null)
                {
                    return Results.NotFound();
                }

                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                var template = await templates.GetAsync(db, MailTemplateKinds.Transcript, detail.Conversation.Language, cancellationToken);
                var (_, text, _) = TranscriptAudience.Team.Transcript(template, detail.Conversation, detail.Lines.Select(l => (l.Message, l.AuthorName)).ToList(), templates.LibraryName);
                var started = Wib.ToWib(detail.Conversation.StartedAt).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
                return Results.File(Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", $"transcript-{started}-{id.ToString("N")[..8]}.txt");
            })
            .RequireStaff(ReaderRoles);
        return endpoints;
    }
}
