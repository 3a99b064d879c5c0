using System.Collections.Concurrent;
using System.Net;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace LibrarianDesk.Tests.SeveralServers;

/// <summary>
/// One desk on two servers (<see cref="TwoServerDesk"/>): the patron is connected to server A, the librarian works on
/// server B, and everything reaches the other side once, as on one server.
/// </summary>
public sealed class TwoServerTests(TwoServerDesk desk) : IClassFixture<TwoServerDesk>
{
    [Fact]
    public async Task A_patron_on_one_server_and_a_librarian_on_the_other_ring_chat_and_type_to_each_other()
    {
        await TwoServerDesk.RequireAsync();
        using var ringsOnB = Heard<LibrariansRung>(desk.B);
        using var ringsOnA = Heard<LibrariansRung>(desk.A);
        using var linesOnB = Heard<ConversationMessageAdded>(desk.B);
        using var typingOnB = Heard<PatronTyping>(desk.B);
        await using var patron = await PatronClient.ConnectAsync(desk.A);
        var typingOnPatron = new ConcurrentQueue<LibrarianTypingNotice>();
        patron.Connection.On<LibrarianTypingNotice>(PatronHubContract.Events.LibrarianTyping, typingOnPatron.Enqueue);

        var started = await patron.StartAsync("Apakah ada koleksi peta Batavia?");

        await Eventually.TrueAsync(() => ringsOnB.Any(r => r.Conversation.ConversationId == started.ConversationId), "server B's desks are rung");
        ringsOnB.Single(r => r.Conversation.ConversationId == started.ConversationId).LibrarianIds.Should().Contain(desk.LibrarianId);

        await patron.InvokeAsync<MessageAcknowledgement>(PatronHubContract.Methods.SendMessage,
            new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), "Untuk tahun 1740-an."));
        await Eventually.TrueAsync(() => linesOnB.Any(l => l.Line.Message.Text == "Untuk tahun 1740-an."), "server B's workspace gets the patron's line");
        var line = linesOnB.Single(l => l.Line.Message.Text == "Untuk tahun 1740-an.").Line;
        line.Message.Sequence.Should().Be(2);
        line.Message.ConversationId.Should().Be(started.ConversationId);

        // The ring was decided once, on the server where the chat started, and heard once on each server.
        ringsOnB.Count(r => r.Conversation.ConversationId == started.ConversationId).Should().Be(1);
        ringsOnA.Count(r => r.Conversation.ConversationId == started.ConversationId).Should().Be(1);

        await patron.InvokeAsync(PatronHubContract.Methods.Typing, new TypingRequest(started.ConversationId, started.PatronToken, "Dan juga"));
        await Eventually.TrueAsync(() => typingOnB.Any(t => t.Draft == "Dan juga"), "server B sees what the patron is typing");

        var librarianChat = desk.B.Service<LibrarianChat>();
        await librarianChat.LibrarianTypingAsync(started.ConversationId, isTyping: true);
        await Eventually.TrueAsync(() => typingOnPatron.Any(t => t.IsTyping), "the patron on server A sees the librarian on B typing");

        await librarianChat.ReplyAsync(desk.LibrarianId, started.ConversationId, "Ada, di ruang koleksi peta lantai 3.");
        var reply = await patron.NextFromLibrarianAsync();
        reply.Text.Should().Be("Ada, di ruang koleksi peta lantai 3.");
        (await PatronClient.NextAsync(patron.Claims)).LibrarianName.Should().Be("Sari Wulandari");
    }

    [Fact]
    public async Task Two_librarians_on_different_servers_taking_the_same_chats_leave_each_with_exactly_one_owner()
    {
        await TwoServerDesk.RequireAsync();
        var other = await StaffAccounts.CreateAsync(desk.B, $"budi-{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], "Budi Santoso");
        await desk.B.Service<PresenceService>().SetAsync(other.Id, Presence.Online, TestContext.Current.CancellationToken);
        await using var patron = await PatronClient.ConnectAsync(desk.A);
        var conversations = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            conversations.Add((await patron.StartAsync($"Pertanyaan {i}")).ConversationId);
        }

        var outcomes = await Task.WhenAll(conversations.SelectMany(id => new[]
        {
            TryClaimAsync(desk.A.Service<LibrarianChat>(), desk.LibrarianId, id),
            TryClaimAsync(desk.B.Service<LibrarianChat>(), other.Id, id),
        }));

        outcomes.Count(won => won).Should().Be(conversations.Count, "each chat is taken exactly once");
        await using var db = desk.A.CreateDbContext();
        var owners = db.Conversations.Where(c => conversations.Contains(c.Id)).Select(c => c.OwnerId).ToList();
        owners.Should().HaveCount(10).And.OnlyContain(o => o == desk.LibrarianId || o == other.Id);
    }

    [Fact]
    public async Task A_transfer_on_one_server_rings_only_the_new_owner_once_on_the_other()
    {
        await TwoServerDesk.RequireAsync();
        var colleague = await StaffAccounts.CreateAsync(desk.B, $"dewi-{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian], "Dewi Lestari");
        await desk.B.Service<PresenceService>().SetAsync(colleague.Id, Presence.Online, TestContext.Current.CancellationToken);
        await using var patron = await PatronClient.ConnectAsync(desk.A);
        var started = await patron.StartAsync("Saya perlu naskah kuno.");
        await desk.A.Service<LibrarianChat>().ClaimAsync(desk.LibrarianId, started.ConversationId);
        using var transfersOnB = Heard<ConversationTransferred>(desk.B);
        using var ringsOnB = Heard<LibrariansRung>(desk.B);

        await desk.A.Service<LibrarianChat>().TransferAsync(desk.LibrarianId, started.ConversationId, colleague.Id, "Spesialis naskah");

        await Eventually.TrueAsync(() => ringsOnB.Any(r => r.Reason == RingReason.Transferred), "the new owner's desk on server B is rung");
        transfersOnB.Should().ContainSingle().Which.ToLibrarianId.Should().Be(colleague.Id);
        ringsOnB.Where(r => r.Reason == RingReason.Transferred).Should().ContainSingle()
            .Which.LibrarianIds.Should().BeEquivalentTo([colleague.Id]);
    }

    [Fact]
    public async Task A_librarian_signed_in_through_one_server_is_signed_in_on_the_other()
    {
        await TwoServerDesk.RequireAsync();
        var email = $"rizky-{Guid.NewGuid():N}@test.local";
        await StaffAccounts.CreateAsync(desk.A, email, [DeskRoles.Librarian], "Rizky Pratama");
        var cookies = new CookieContainer();
        using var onA = Browser(cookies, desk.A.BaseAddress);
        using var onB = Browser(cookies, desk.B.BaseAddress);

        await SignIn.AsAsync(onA, email, DeskApp.StaffPassword);
        var page = await onB.GetAsync("/queue", TestContext.Current.CancellationToken);

        page.StatusCode.Should().Be(HttpStatusCode.OK, "server B reads the sign-in cookie server A made");
    }

    [Fact]
    public async Task An_event_reaches_the_other_server_once_but_not_its_where_raised_work()
    {
        await TwoServerDesk.RequireAsync();
        var conversationId = Guid.NewGuid();
        using var pagesOnB = Heard<ConversationStatusChanged>(desk.B);
        var workOnB = new ConcurrentQueue<ConversationStatusChanged>();
        using var work = desk.B.Notifier.SubscribeWhereRaised<ConversationStatusChanged>(e => { workOnB.Enqueue(e); return Task.CompletedTask; });
        using var followUpsOnB = Heard<MissedConversationFollowedUp>(desk.B);

        await desk.A.Notifier.PublishAsync(new ConversationStatusChanged(conversationId));
        await desk.A.Notifier.PublishAsync(new MissedConversationFollowedUp(conversationId));

        // Events from one server arrive in order: once the second is here, every copy of the first would be too.
        await Eventually.TrueAsync(() => followUpsOnB.Any(f => f.ConversationId == conversationId), "the second event reaches server B");
        pagesOnB.Where(e => e.ConversationId == conversationId).Should().ContainSingle();
        workOnB.Should().BeEmpty("work done once per event runs on the server that raised it");
    }

    private static async Task<bool> TryClaimAsync(LibrarianChat chat, string librarianId, Guid conversationId)
    {
        try
        {
            await chat.ClaimAsync(librarianId, conversationId);
            return true;
        }
        catch (ConversationTakenException)
        {
            return false;
        }
    }

    private static HttpClient Browser(CookieContainer cookies, Uri address)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = address };
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }

    private static EventLog<T> Heard<T>(TwoServerDesk.ServerDesk server) => new(server.Notifier);

    /// <summary>What one server's pages heard of an event, from any server.</summary>
    private sealed class EventLog<T> : IDisposable, IEnumerable<T>
    {
        private readonly ConcurrentQueue<T> heard = new();
        private readonly IDisposable subscription;

        public EventLog(DeskNotifier notifier) => subscription = notifier.Subscribe<T>(e =>
        {
            heard.Enqueue(e);
            return Task.CompletedTask;
        });

        public IEnumerator<T> GetEnumerator() => heard.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public void Dispose() => subscription.Dispose();
    }
}
