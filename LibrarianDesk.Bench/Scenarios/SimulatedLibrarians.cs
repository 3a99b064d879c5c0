using System.Collections.Concurrent;
using System.Threading.Channels;
using LibrarianDesk.Bench.Hosting;
using LibrarianDesk.Bench.Measuring;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Conversations;

namespace LibrarianDesk.Bench.Scenarios;

/// <summary>
/// Librarians as the Blazor workspace makes them: subscribed to <see cref="DeskNotifier"/>, each keeping
/// its open conversation up to date inside the handler as <c>ConversationPage</c> does (the whole
/// conversation through <see cref="ConversationQueries.DetailAsync"/> when it opens, then each line the
/// event carries through <see cref="ConversationQueries.WithLineAsync"/>, one message at a time as the
/// page's dispatcher would; the publisher waits for it as it waits for a component's <c>InvokeAsync</c>),
/// then replying through <see cref="LibrarianChat.ReplyAsync"/> with no think time.
/// Each conversation goes to the next librarian (round robin) when its first message arrives, and only
/// its owner watches it. They run in the desk's process, as the Blazor circuits do.
/// On one of several servers they take only the conversations whose patron is connected to another server (not in this
/// server's <see cref="PatronConnections"/>): every server hears every line, and each conversation is answered through
/// the server its patron is not on.
/// </summary>
public sealed class SimulatedLibrarians : IAsyncDisposable
{
    private readonly DeskHost desk;
    private readonly LibrarianSightings sightings;
    private readonly Librarian[] librarians;
    private readonly ConcurrentDictionary<Guid, Librarian> owners = new();
    private readonly ConcurrentDictionary<Guid, Workspace> workspaces = new();
    private readonly ConcurrentDictionary<Guid, bool> patronsHere = new();
    private readonly PatronConnections? connectionsHere;
    private readonly IDisposable messages;
    private readonly Task[] workers;
    private int assigned;

    /// <param name="patronsElsewhereOnly">Answer only the patrons connected to another server.</param>
    public SimulatedLibrarians(DeskHost desk, IReadOnlyList<string> librarianIds, LibrarianSightings sightings, bool patronsElsewhereOnly = false)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(librarianIds);
        this.desk = desk;
        connectionsHere = patronsElsewhereOnly ? desk.Service<PatronConnections>() : null;
        this.sightings = sightings;
        librarians = [.. librarianIds.Select(id => new Librarian(id))];
        messages = desk.Service<DeskNotifier>().Subscribe<ConversationMessageAdded>(OnMessageAddedAsync);
        workers = [.. librarians.Select(l => Task.Run(() => ReplyLoopAsync(l)))];
    }

    private async Task OnMessageAddedAsync(ConversationMessageAdded added)
    {
        if (connectionsHere is not null && !AnswersHere(added))
        {
            return;
        }

        var librarian = owners.GetOrAdd(added.ConversationId, _ => librarians[(Interlocked.Increment(ref assigned) - 1) % librarians.Length]);
        var detail = await workspaces.GetOrAdd(added.ConversationId, _ => new Workspace()).ShowAsync(desk.Service<ConversationQueries>(), added);
        var line = detail?.Lines.LastOrDefault(l => l.Message.Sequence == added.Sequence);
        if (line is { Message.Author: MessageAuthor.Patron } && RoundTrips.ReplyTo(line.Message.Text) is { } reply)
        {
            sightings.Saw(line.Message.Text);
            librarian.Replies.Writer.TryWrite((added.ConversationId, reply));
        }
    }

    // Decided at the conversation's first numbered patron line: the patron sent it after StartConversation returned, by
    // when its connection follows the conversation (its opening line is published before that, so it decides nothing).
    private bool AnswersHere(ConversationMessageAdded added)
    {
        if (patronsHere.TryGetValue(added.ConversationId, out var patronHere))
        {
            return !patronHere;
        }

        var message = added.Line.Message;
        if (message.Author != MessageAuthor.Patron || RoundTrips.PatronMessageNumber(message.Text) is null)
        {
            return false;
        }

        return !patronsHere.GetOrAdd(added.ConversationId,
            id => connectionsHere!.Where(_ => true).Any(c => c.Conversations.ContainsKey(id)));
    }

    private async Task ReplyLoopAsync(Librarian librarian)
    {
        var chat = desk.Service<LibrarianChat>();
        await foreach (var (conversationId, text) in librarian.Replies.Reader.ReadAllAsync())
        {
            try
            {
                await chat.ReplyAsync(librarian.Id, conversationId, text);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ConversationTakenException or Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                sightings.ReplyFailed();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        messages.Dispose();
        foreach (var librarian in librarians)
        {
            librarian.Replies.Writer.TryComplete();
        }

        await Task.WhenAll(workers);
        foreach (var workspace in workspaces.Values)
        {
            workspace.Dispose();
        }
    }

    /// <summary>One open <c>ConversationPage</c>: what it shows, changed by one event at a time.</summary>
    private sealed class Workspace : IDisposable
    {
        private readonly SemaphoreSlim dispatcher = new(1, 1);
        private ConversationDetail? shown;

        public async Task<ConversationDetail?> ShowAsync(ConversationQueries queries, ConversationMessageAdded added)
        {
            await dispatcher.WaitAsync();
            try
            {
                shown = shown is null
                    ? await queries.DetailAsync(added.ConversationId)
                    : await queries.WithLineAsync(shown, added.Line);

                return shown;
            }
            finally
            {
                dispatcher.Release();
            }
        }

        public void Dispose() => dispatcher.Dispose();
    }

    private sealed class Librarian(string id)
    {
        public string Id { get; } = id;
        public Channel<(Guid ConversationId, string Text)> Replies { get; } = Channel.CreateUnbounded<(Guid, string)>();
    }
}
