using LibrarianDesk.Data;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Data;

/// <summary>The workspace reads each new line on a connection kept open between reads (<see cref="OpenReadContexts"/>).</summary>
public sealed class OpenReadContextsTests(OpenDeskApp app) : IClassFixture<OpenDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_open_workspace_sees_every_line_committed_after_its_previous_read()
    {
        var queries = app.Service<ConversationQueries>();
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        (await queries.LinesAfterAsync(started.ConversationId, 1, Cancel)).Should().BeEmpty();

        for (var sequence = 2; sequence <= 4; sequence++)
        {
            await patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
                new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), $"Pertanyaan ke-{sequence}"));

            var lines = await queries.LinesAfterAsync(started.ConversationId, sequence - 1, Cancel);

            lines.Select(l => (l.Message.Sequence, l.Message.Text)).Should().Equal((sequence, $"Pertanyaan ke-{sequence}"));
        }
    }

    [Fact]
    public async Task A_read_that_fails_or_is_cancelled_loses_its_context_and_the_next_read_works()
    {
        var reads = app.Service<OpenReadContexts>();
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();

        var failing = () => reads.ReadAsync<int>((_, _) => throw new InvalidOperationException("broken read"), Cancel);
        await failing.Should().ThrowAsync<InvalidOperationException>().WithMessage("broken read");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var cancelledRead = () => reads.ReadAsync((db, ct) => db.ChatMessages.CountAsync(ct), cancelled.Token);
        await cancelledRead.Should().ThrowAsync<OperationCanceledException>();

        var lines = await app.Service<ConversationQueries>().LinesAfterAsync(started.ConversationId, 0, Cancel);
        lines.Should().ContainSingle().Which.Message.Text.Should().Be(started.FirstMessage.Text);
    }

    [Fact]
    public async Task Connections_kept_open_between_reads_do_not_stop_the_log_being_emptied()
    {
        var queries = app.Service<ConversationQueries>();
        await using var patron = await PatronClient.ConnectAsync(app);
        var started = await patron.StartAsync();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => queries.LinesAfterAsync(started.ConversationId, 0, Cancel)));

        await using var db = app.CreateDbContext();
        await db.Database.OpenConnectionAsync(Cancel);
        await using var checkpoint = db.Database.GetDbConnection().CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await using var result = await checkpoint.ExecuteReaderAsync(Cancel);
        (await result.ReadAsync(Cancel)).Should().BeTrue();
        result.GetInt64(0).Should().Be(0, "an idle kept-open connection holds no read transaction, so the checkpoint is not blocked");
    }

    [Fact]
    public async Task Once_disposed_it_refuses_reads()
    {
        var reads = new OpenReadContexts(app.Service<IDbContextFactory<DeskDbContext>>());
        (await reads.ReadAsync((db, ct) => db.Users.AnyAsync(ct), Cancel)).Should().BeTrue("the fixture has a librarian");

        await reads.DisposeAsync();

        var afterwards = () => reads.ReadAsync((db, ct) => db.Users.AnyAsync(ct), Cancel);
        await afterwards.Should().ThrowAsync<ObjectDisposedException>();
    }
}
