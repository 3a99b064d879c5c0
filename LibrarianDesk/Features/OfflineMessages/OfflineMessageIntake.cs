using LibrarianDesk.Data;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.OfflineMessages;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Features.OfflineMessages;

/// <summary>
/// The offline form: a patron leaves a question while nobody can chat. It is stored with its announcement
/// to the librarians in one write (<see cref="OfflineMessageAnnouncer"/>), checked by the same rules as any patron input.
/// </summary>
public sealed class OfflineMessageIntake(
    IDbContextFactory<DeskDbContext> dbFactory,
    PatronInput input,
    OfflineMessageAnnouncer announcer,
    DeskNotifier notifier,
    TimeProvider time)
{
    public async Task<OfflineMessageAcknowledgement> LeaveAsync(OfflineMessageRequest request, string language)
    {
        ArgumentNullException.ThrowIfNull(request);
        var message = new OfflineMessage
        {
            Id = Guid.CreateVersion7(time.GetStoredUtcNow()),
            Name = input.ValidName(request.Name),
            Email = input.ValidEmail(request.Email),
            MemberNumber = input.ValidMemberNumber(request.MemberNumber),
            QuestionTypeId = request.QuestionTypeId,
            Text = input.ValidText(request.Text, OfflineMessage.MaxTextLength),
            ReceivedAt = time.GetStoredUtcNow(),
            Language = language,
            VisitorId = input.VisitorId(request.VisitorId),
        };
        await using var db = await dbFactory.CreateDbContextAsync();
        await input.RequireQuestionTypeAsync(db, request.QuestionTypeId);
        db.OfflineMessages.Add(message);
        await announcer.QueueAsync(db, message);
        await db.SaveChangesAsync();
        await notifier.PublishAsync(new OfflineMessageReceived(message.Id));
        return new OfflineMessageAcknowledgement(message.Id, message.ReceivedAt);
    }
}
