using LibrarianDesk.Data;
using LibrarianDesk.Features.History;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.History;

/// <summary>SQLite's FTS5 message index repairs itself at start-up (PostgreSQL's search column is kept by the database).</summary>
public sealed class MessageSearchIndexTests(HistoryDesk app) : IClassFixture<HistoryDesk>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_empty_index_over_existing_messages_is_filled_again_at_start_up()
    {
        var word = HistoryDesk.UniqueWord("prasasti");
        var id = await app.AnsweredAsync($"Ada foto {word}?", "Ada.");
        await using var db = app.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync($"INSERT INTO {MessageSearchIndex.Table}({MessageSearchIndex.Table}) VALUES ('delete-all')", Cancel);
        (await app.SearchAsync(new HistoryFilter { Text = word })).Total.Should().Be(0);

        await MessageSearchIndex.EnsureAsync(db, Cancel);

        (await app.SearchAsync(new HistoryFilter { Text = word })).Hits.Select(h => h.ConversationId).Should().Equal(id);
    }
}
