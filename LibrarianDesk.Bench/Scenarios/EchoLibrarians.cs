using LibrarianDesk.Bench.Hosting;
using LibrarianDesk.Bench.Measuring;
using LibrarianDesk.Shared.Contracts;
using Microsoft.AspNetCore.SignalR;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// The bare hub's "librarians": as many as the desk's, in the hub's process, each taking the next message
/// posted and answering it through the hub context to the conversation's group (a durable echo commits the
/// answer first, as the desk does).
/// </summary>
public sealed class EchoLibrarians : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task[] workers;

    public EchoLibrarians(EchoHost echo, int count, LibrarianSightings sightings)
    {
        ArgumentNullException.ThrowIfNull(echo);
        workers = [.. Enumerable.Range(0, count).Select(_ => Task.Run(() => AnswerAsync(echo, sightings, stop.Token)))];
    }

    private static async Task AnswerAsync(EchoHost echo, LibrarianSightings sightings, CancellationToken cancellationToken)
    {
        var sequence = 0;
        try
        {
            await foreach (var post in echo.Desk.Posts.Reader.ReadAllAsync(cancellationToken))
            {
                if (RoundTrips.ReplyTo(post.Text) is { } reply)
                {
                    sightings.Saw(post.Text);
                    if (echo.Desk.Store is { } store)
                    {
                        await store.CommitAsync(post.ConversationId, fromLibrarian: true, reply);
                    }

                    await echo.Hub.Clients.Group(EchoHub.Group(post.ConversationId)).SendAsync(EchoHub.Reply,
                        new PatronMessage(post.ConversationId, ++sequence, PatronMessage.FromLibrarian, "Pustakawan", reply, DateTimeOffset.UtcNow, null),
                        cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        stop.Dispose();
    }
}
