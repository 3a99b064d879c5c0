using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Tests.Infrastructure;
using StartedConversations = LibrarianDesk.Tests.Features.Queue.Conversations;

namespace LibrarianDesk.Tests.Features.Conversations;

/// <summary>
/// One process holding a SQLite desk and a PostgreSQL desk at once (the test run does, and so does the copy command):
/// each engine has its own model, so nothing compiled for one may be reused by the other.
/// </summary>
public sealed class PostgreSqlBesideSqliteTests(OpenDeskApp sqlite, OpenPostgreSqlDeskApp postgreSql)
    : IClassFixture<OpenDeskApp>, IClassFixture<OpenPostgreSqlDeskApp>
{
    [Fact]
    public async Task A_conversation_opens_with_its_transcript_on_a_SQLite_desk_and_then_on_a_PostgreSQL_desk()
    {
        await PostgreSqlDeskApp.RequireAsync();
        foreach (var desk in new DeskApp[] { sqlite, postgreSql })
        {
            var started = await StartedConversations.StartedAsync(desk, text: "Apakah ada peta Batavia 1740?");
            var detail = await desk.Service<ConversationQueries>().DetailAsync(started.ConversationId, TestContext.Current.CancellationToken);
            detail!.Lines.Select(l => l.Message.Text).Should().Equal("Apakah ada peta Batavia 1740?");
        }
    }
}
