using System.Net;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static LibrarianDesk.Tests.Features.Attachments.AttachmentUploads;

namespace LibrarianDesk.Tests.Features.Attachments;

/// <summary>
/// Two desks on one PostgreSQL database, as two servers behind a load balancer: the files-per-minute limit is counted
/// in the database under the conversation's row lock, so uploads racing through both servers still store at most the limit.
/// </summary>
public sealed class PostgreSqlAttachmentLimitTests(ClockedPostgreSqlDeskApp app) : IClassFixture<ClockedPostgreSqlDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ten_files_racing_through_two_servers_into_one_conversation_store_at_most_five()
    {
        await PostgreSqlDeskApp.RequireAsync();
        await using var second = await app.SecondServerAsync();
        await using var patron = await PatronClient.ConnectAsync(app);
        var conversation = await patron.StartAsync();
        using var toFirst = app.CreateBrowserClient();
        using var toSecond = second.CreateBrowserClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(i => UploadAsync(i % 2 == 0 ? toFirst : toSecond, conversation, $"foto-{i}.png", SampleFiles.Png)));

        var stored = answers.Count(a => a.StatusCode == HttpStatusCode.OK);
        stored.Should().Be(5, "the limit is 5 a minute and the clock stands still; the rest answer 429");
        answers.Where(a => a.StatusCode != HttpStatusCode.OK).Should().OnlyContain(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        await using var db = app.CreateDbContext();
        (await db.ChatMessages.CountAsync(m => m.ConversationId == conversation.ConversationId && m.Attachment != null, Cancel)).Should().Be(5);
        (await db.AttachmentContents.CountAsync(c => c.ConversationId == conversation.ConversationId, Cancel)).Should().Be(5);
        var numbers = await db.ChatMessages.Where(m => m.ConversationId == conversation.ConversationId).OrderBy(m => m.Sequence).Select(m => m.Sequence).ToListAsync(Cancel);
        numbers.Should().Equal(1, 2, 3, 4, 5, 6);
    }
}
