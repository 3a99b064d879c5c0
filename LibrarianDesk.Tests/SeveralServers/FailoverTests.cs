using System.Collections.Concurrent;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.SeveralServers;

/// <summary>
/// A server dies mid-shift (<see cref="TwoDeskProcesses"/>: two real server processes, one killed as a crash kills it):
/// its patrons reconnect to the other server as the widget behind the load balancer would, resume and resend, and
/// nothing they were told was sent is lost or stored twice; the librarian working through the other server carries on.
/// </summary>
public sealed class FailoverTests(TwoDeskProcesses desk, Chromium chromium) : IClassFixture<TwoDeskProcesses>, IClassFixture<Chromium>
{
    private const int Patrons = 100;
    private const int MessagesEach = 8;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killing_a_server_mid_stream_moves_its_patrons_to_the_other_with_every_acknowledged_message_stored_once_in_order()
    {
        await TwoDeskProcesses.RequireAsync();
        var librarian = await chromium.NewPageAsync(desk.B.BaseAddress);
        await DeskPages.SignInAsync(librarian, TwoDeskProcesses.LibrarianEmail, DeskApp.StaffPassword);
        await librarian.ClickAsync("[data-testid=presence-current]");
        await librarian.ClickAsync("[data-testid=presence-online]");
        await librarian.WaitForSelectorAsync("[data-testid=presence-current] [data-presence=online]");

        var colleagueOnA = await chromium.NewPageAsync(desk.A.BaseAddress);
        await DeskPages.SignInAsync(colleagueOnA, TwoDeskProcesses.OtherLibrarianEmail, DeskApp.StaffPassword);
        await colleagueOnA.ClickAsync("[data-testid=presence-current]");
        await colleagueOnA.ClickAsync("[data-testid=presence-online]");
        await colleagueOnA.WaitForSelectorAsync("[data-testid=presence-current] [data-presence=online]");

        var crash = new ServerCrash(desk.A, desk.B);
        var patrons = Enumerable.Range(0, Patrons).Select(i => new ChattingPatron(i, i % 2 == 0 ? desk.A : desk.B, crash)).ToList();
        try
        {
            await Task.WhenAll(patrons.Select(p => p.ConnectAsync()));
            var chatting = Task.WhenAll(patrons.Select(p => p.ChatAsync()));

            // Mid-stream for A's patrons: a third of their messages acknowledged, the rest still to come or on their way
            // (counted on A alone, since B's patrons may run ahead or behind on a busy machine).
            var fromA = patrons.Where(p => p.StartedOn == desk.A).ToList();
            await Eventually.TrueAsync(
                () => fromA.Sum(p => p.Acknowledged.Count) >= fromA.Count * (1 + MessagesEach) / 3 || chatting.IsFaulted,
                "a third of server A's messages acknowledged", TimeSpan.FromSeconds(60));
            crash.KillA();
            var killedAt = DateTimeOffset.UtcNow;
            (await PresenceOfAsync(TwoDeskProcesses.OtherLibrarianEmail)).Presence
                .Should().Be(Presence.Online, "the killed server's tabs count until they expire");
            await chatting.WaitAsync(TimeSpan.FromSeconds(60), Cancel);

            fromA.Should().OnlyContain(p => p.Moved, "every patron of the killed server reconnected to the other");
            fromA.Where(p => p.Resumed != null).Should().NotBeEmpty()
                .And.OnlyContain(p => p.Resumed!.Status == "waiting", "the other server resumes the chats begun on the killed one");
            fromA.Sum(p => p.Resent).Should().BePositive("the kill caught calls on their way, which the patrons sent again");
            patrons.Should().OnlyContain(p => p.Acknowledged.Count == 1 + MessagesEach, "every message was acknowledged in the end");

            await using (var db = desk.CreateDbContext())
            {
                (await db.Conversations.CountAsync(Cancel)).Should().Be(Patrons, "a start sent again after the kill is the same conversation");
                var stored = await db.ChatMessages.AsNoTracking().Where(m => m.Author == MessageAuthor.Patron)
                    .Select(m => new { m.ConversationId, m.Sequence, m.ClientMessageId })
                    .ToListAsync(Cancel);
                var byConversation = stored.ToLookup(m => m.ConversationId);
                foreach (var patron in patrons)
                {
                    var messages = byConversation[patron.ConversationId].OrderBy(m => m.Sequence).ToList();
                    messages.Select(m => m.ClientMessageId).Should().Equal(patron.Written,
                        "patron {0}'s messages are stored once each, in the order written", patron.Number);
                    messages.Select(m => m.Sequence).Should().Equal(Enumerable.Range(1, 1 + MessagesEach));
                    messages.Select(m => (m.ClientMessageId!, m.Sequence)).Should().BeEquivalentTo(patron.Acknowledged,
                        "each acknowledgement names the stored message's number");
                }
            }

            // The librarian on the surviving server takes a chat begun on the killed one, and the patron hears it there.
            var movedPatron = fromA[0];
            await librarian.GotoAsync($"/conversations/{movedPatron.ConversationId}");
            await DeskPages.WaitForInteractiveDeskAsync(librarian);
            await librarian.Locator("[data-testid=transcript-line][data-author=patron]", new() { HasText = ChattingPatron.Text(movedPatron.Number, MessagesEach) }).WaitForAsync();
            await DeskPages.WaitForComposerAsync(librarian);
            await librarian.FillAsync("[data-testid=composer]", "Selamat siang, saya bantu ya.");
            await librarian.PressAsync("[data-testid=composer]", "Enter");
            (await PatronClient.NextAsync(movedPatron.Client.Claims)).LibrarianName.Should().Be(TwoDeskProcesses.LibrarianName);
            (await movedPatron.Client.NextFromLibrarianAsync()).Text.Should().Be("Selamat siang, saya bantu ya.");

            // The librarian whose only tab was on the killed server goes Offline once its tabs expired and the grace
            // passed; the one working on the surviving server stays Online.
            await Eventually.TrueAsync(async () => (await PresenceOfAsync(TwoDeskProcesses.OtherLibrarianEmail)).Presence == Presence.Offline,
                "the killed server's librarian goes Offline", TimeSpan.FromSeconds(60));
            var wentOffline = (await PresenceOfAsync(TwoDeskProcesses.OtherLibrarianEmail)).ChangedAt!.Value;
            (wentOffline - killedAt).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(TwoDeskProcesses.ServerExpirySeconds),
                "not before the killed server's tabs expired");
            (await PresenceOfAsync(TwoDeskProcesses.LibrarianEmail)).Presence.Should().Be(Presence.Online);
        }
        finally
        {
            await Task.WhenAll(patrons.Select(p => p.DisposeAsync().AsTask()));
        }
    }

    private async Task<(Presence Presence, DateTimeOffset? ChangedAt)> PresenceOfAsync(string email)
    {
        await using var db = desk.CreateDbContext();
        var account = await db.Users.AsNoTracking().SingleAsync(u => u.Email == email, Cancel);
        return (account.Presence, account.PresenceChangedAt);
    }

    /// <summary>Server A's death, as every patron sees it: a call to A that fails after it may be sent again to B.</summary>
    private sealed class ServerCrash(DeskServerProcess a, DeskServerProcess b)
    {
        private volatile bool happened;

        public DeskServerProcess Survivor => b;

        public TaskCompletionSource Happened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool HasKilled(DeskServerProcess server) => happened && server == a;

        public void KillA()
        {
            // Marked first, so no failure the kill causes is taken for a fault of the desk.
            happened = true;
            a.Kill();
            Happened.SetResult();
        }
    }

    /// <summary>
    /// A patron's widget: starts a chat and writes its messages one after another, each sent until acknowledged. When its
    /// server dies it connects to the other (as through the load balancer), resumes after the last acknowledged message
    /// and sends again, with the same ids, whatever had no acknowledgement.
    /// </summary>
    private sealed class ChattingPatron(int number, DeskServerProcess server, ServerCrash crash) : IAsyncDisposable
    {
        private readonly HelloRequest hello = new($"visitor-{Guid.NewGuid():N}", "https://library.test/layanan", "Layanan", null, "id");
        private readonly string startKey = StartConversationRequest.NewStartKey();
        private DeskServerProcess current = server;
        private string token = "";

        public int Number => number;

        public DeskServerProcess StartedOn { get; } = server;

        public PatronClient Client { get; private set; } = default!;

        public Guid ConversationId { get; private set; }

        /// <summary>Client message ids in the order written.</summary>
        public List<string> Written { get; } = [];

        public ConcurrentQueue<(string ClientMessageId, int Sequence)> Acknowledged { get; } = new();

        /// <summary>Whether the patron reconnected to the other server after the crash.</summary>
        public bool Moved { get; private set; }

        /// <summary>What <c>Resume</c> answered on the other server; null if the chat was still starting at the crash (the start is sent again instead).</summary>
        public ResumeResponse? Resumed { get; private set; }

        /// <summary>Calls sent again after their server died.</summary>
        public int Resent { get; private set; }

        public static string Text(int patron, int message) => $"Pesan {message} dari pengunjung {patron}.";

        public async Task ConnectAsync() => Client = await PatronClient.ConnectAsync(current.BaseAddress, hello);

        public async Task ChatAsync()
        {
            var firstId = Write();
            var started = await UntilAcknowledgedAsync(() => Client.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.StartConversation,
                new StartConversationRequest($"Pengunjung {number}", $"pengunjung{number}@contoh.id", null, Client.Hello.QuestionTypes[0].Id, Text(number, 0), firstId, StartKey: startKey)));
            (ConversationId, token) = (started.ConversationId, started.PatronToken);
            Acknowledged.Enqueue((firstId, started.FirstMessage.Sequence));
            for (var i = 1; i <= MessagesEach; i++)
            {
                var id = Write();
                var text = Text(number, i);
                var acknowledgement = await UntilAcknowledgedAsync(() => Client.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
                    new SendMessageRequest(ConversationId, token, id, text)));
                Acknowledged.Enqueue((id, acknowledgement.Sequence));
            }

            // A widget with nothing to send notices the dropped connection too, and reconnects.
            if (current == crash.Survivor)
            {
                return;
            }

            await crash.Happened.Task;
            await MoveToSurvivorAsync();
        }

        private string Write()
        {
            var id = PatronClient.NewMessageId();
            Written.Add(id);
            return id;
        }

        private async Task<T> UntilAcknowledgedAsync<T>(Func<Task<T>> call)
        {
            try
            {
                return await call();
            }
            catch (Exception) when (crash.HasKilled(current))
            {
                await MoveToSurvivorAsync();
                Resent++;
                return await call();
            }
        }

        private async Task MoveToSurvivorAsync()
        {
            await Client.DisposeAsync();
            current = crash.Survivor;
            Client = await PatronClient.ConnectAsync(current.BaseAddress, hello);
            Moved = true;
            if (ConversationId != Guid.Empty)
            {
                var lastAcknowledged = Acknowledged.Max(a => a.Sequence);
                Resumed = await Client.InvokeAsync<ResumeResponse>(PatronHubContract.Methods.Resume, new ResumeRequest(ConversationId, token, lastAcknowledged));
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Client is not null)
            {
                await Client.DisposeAsync();
            }
        }
    }
}
