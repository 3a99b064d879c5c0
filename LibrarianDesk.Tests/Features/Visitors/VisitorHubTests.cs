using LibrarianDesk.Features.Visitors;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Visitors;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Visitors;

/// <summary>Visitors as real SignalR widgets against the running desk: arrivals, pages, departures, greetings.</summary>
public sealed class VisitorHubTests(VisitorDeskApp app) : IClassFixture<VisitorDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private VisitorDirectory Visitors => app.Service<VisitorDirectory>();

    private IReadOnlyList<VisitorRow> RowsStartingWith(string prefix) =>
        Visitors.Query(VisitorFilter.All, 0, int.MaxValue).Rows.Where(r => r.VisitorId.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Two_hundred_visitors_arrive_browse_and_leave_and_the_live_list_and_the_recorded_visits_match_exactly()
    {
        const string prefix = "crowd-";
        var visitorIds = Enumerable.Range(0, 200).Select(i => $"{prefix}{i:000}").ToList();

        // Every visitor loads a page; every tenth has a second tab open on the catalogue.
        var tabs = new List<(string VisitorId, PatronClient Client)>();
        foreach (var batch in visitorIds.Chunk(25))
        {
            tabs.AddRange(await Task.WhenAll(batch.Select(async id => (id, await app.VisitAsync(id, "https://library.test/", "Beranda")))));
        }

        foreach (var id in visitorIds.Where((_, i) => i % 10 == 0))
        {
            tabs.Add((id, await app.VisitAsync(id, "https://library.test/opac", "OPAC")));
        }

        // Then each first tab moves on (a single-page site): visitor i reads collection i % 5, then its title changes.
        var firstTabs = tabs.Take(200).ToList();
        await Task.WhenAll(firstTabs.Select(async (t, i) =>
        {
            await t.Client.InvokeAsync(PatronHubContract.Methods.PageChanged, new PageView($"https://library.test/koleksi/{i % 5}", "Koleksi"));
            await t.Client.InvokeAsync(PatronHubContract.Methods.PageChanged, new PageView($"https://library.test/koleksi/{i % 5}", $"Koleksi {i % 5}"));
        }));

        var rows = RowsStartingWith(prefix);
        rows.Select(r => r.VisitorId).Should().BeEquivalentTo(visitorIds);
        foreach (var (row, i) in rows.OrderBy(r => r.VisitorId).Select((r, i) => (r, i)))
        {
            var twoTabs = i % 10 == 0;
            row.OpenTabs.Should().Be(twoTabs ? 2 : 1, row.VisitorId);
            row.PagesViewed.Should().Be(twoTabs ? 3 : 2, "the first page, the collection page{0}", twoTabs ? " and the second tab's page" : "");
            row.PageUrl.Should().Be($"https://library.test/koleksi/{i % 5}", "the page the visitor moved to last");
            row.PageTitle.Should().Be($"Koleksi {i % 5}", "the same address only renamed");
            row.ChatState.Should().Be(VisitorChatState.Browsing);
            row.Returning.Should().BeFalse();
        }

        Visitors.Query(new VisitorFilter("koleksi/3"), 0, int.MaxValue).Rows.Count(r => r.VisitorId.StartsWith(prefix, StringComparison.Ordinal)).Should().Be(40);

        // The first hundred close every tab: they stay listed through the grace, then they have left.
        var leaving = visitorIds.Take(100).ToHashSet();
        var written = app.Service<VisitRecorder>().Written;
        await Task.WhenAll(tabs.Where(t => leaving.Contains(t.VisitorId)).Select(t => t.Client.DisposeAsync().AsTask()));
        await Eventually.TrueAsync(() => RowsStartingWith(prefix).Count(r => r.OpenTabs == 0) == 100, "the leavers have no tab open");
        RowsStartingWith(prefix).Should().HaveCount(200, "a closed tab is not a departure until the grace has passed");

        app.Advance(VisitorDeskApp.Grace + TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => RowsStartingWith(prefix).Count == 100, "the leavers are gone after the grace");
        RowsStartingWith(prefix).Select(r => r.VisitorId).Should().BeEquivalentTo(visitorIds.Skip(100));

        await Eventually.TrueAsync(() => app.Service<VisitRecorder>().Written >= written + 100, "the ended visits are written");
        await using (var db = app.CreateDbContext())
        {
            var visits = await db.Visits.AsNoTracking().Where(v => v.VisitorId.StartsWith(prefix)).ToListAsync(Cancel);
            visits.Select(v => v.VisitorId).Should().BeEquivalentTo(leaving);
            visits.Should().AllSatisfy(v =>
            {
                v.PagesViewed.Should().Be(int.Parse(v.VisitorId[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture) % 10 == 0 ? 3 : 2);
                v.ChatStarted.Should().BeFalse();
                v.EndedAt.Should().BeOnOrAfter(v.StartedAt);
            });
        }

        // The rest leave too; one of the leavers comes back and is known as returning.
        await Task.WhenAll(tabs.Where(t => !leaving.Contains(t.VisitorId)).Select(t => t.Client.DisposeAsync().AsTask()));
        await Eventually.TrueAsync(() => RowsStartingWith(prefix).All(r => r.OpenTabs == 0), "every tab is closed");
        app.Advance(VisitorDeskApp.Grace + TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => RowsStartingWith(prefix).Count == 0, "everybody has left");

        await using var back = await app.VisitAsync($"{prefix}007", "https://library.test/", "Beranda");
        await Eventually.TrueAsync(() => Visitors.Find($"{prefix}007")!.Returning, "a visitor with an earlier visit is returning");
    }

    [Fact]
    public async Task Moving_to_the_next_page_within_the_grace_continues_the_same_visit()
    {
        const string edgeOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
        var client = await app.VisitAsync("walker", "https://library.test/", "Beranda", referrer: "https://www.google.com/search?q=perpustakaan", userAgent: edgeOnWindows);
        var started = Visitors.Find("walker")!.VisitStartedAt;
        await client.DisposeAsync();
        app.Advance(TimeSpan.FromSeconds(2));
        var next = await app.VisitAsync("walker", "https://library.test/jam-layanan", "Jam Layanan", referrer: "https://library.test/", userAgent: edgeOnWindows);

        var row = Visitors.Find("walker")!;
        row.Should().BeEquivalentTo(new
        {
            VisitStartedAt = started, PagesViewed = 2, PageUrl = "https://library.test/jam-layanan", OpenTabs = 1,
            Referrer = "https://www.google.com/search?q=perpustakaan", Language = "id", IpAddress = "127.0.0.0/24",
        });
        row.PageSince.Should().Be(app.Clock.GetUtcNow());
        row.Browser.Should().Be("Edge");
        row.OperatingSystem.Should().Be("Windows");

        // The connection drops and the widget reconnects on the same page: the same page, still being read.
        await next.DisposeAsync();
        app.Advance(TimeSpan.FromSeconds(3));
        await using var reconnected = await app.VisitAsync("walker", "https://library.test/jam-layanan", "Jam Layanan", userAgent: edgeOnWindows);
        Visitors.Find("walker").Should().BeEquivalentTo(new { PagesViewed = 2, PageSince = row.PageSince, OpenTabs = 1 });
    }

    [Fact]
    public async Task A_greeting_reaches_every_tab_of_its_visitor_and_nobody_else()
    {
        await using var aliceTab1 = await app.VisitAsync("alice", "https://library.test/opac", "OPAC");
        await using var aliceTab2 = await app.VisitAsync("alice", "https://library.test/", "Beranda");
        await using var bob = await app.VisitAsync("bob", "https://library.test/opac", "OPAC");
        var greetings = app.Service<GreetingService>();

        (await greetings.GreetAsync("alice", app.LibrarianId, "Halo Alice, ada yang bisa dibantu?")).Succeeded.Should().BeTrue();
        (await greetings.GreetAsync("bob", app.LibrarianId, "Halo Bob!")).Succeeded.Should().BeTrue();

        // Pushes leave the desk in order: had Alice's greeting gone to Bob, it would arrive before his own.
        var toBob = await PatronClient.NextAsync(bob.Greetings);
        toBob.Should().BeEquivalentTo(new { LibrarianName = "Sari Wulandari", Text = "Halo Bob!", NameRequired = false, EmailRequired = false, ExpiresInSeconds = 300 });
        foreach (var tab in new[] { aliceTab1, aliceTab2 })
        {
            (await PatronClient.NextAsync(tab.Greetings)).Text.Should().Be("Halo Alice, ada yang bisa dibantu?");
        }

        await bob.InvokeAsync(PatronHubContract.Methods.PageChanged, new PageView("https://library.test/faq", "FAQ"));
        bob.Greetings.Reader.TryRead(out _).Should().BeFalse("Bob was greeted once");
        aliceTab1.Greetings.Reader.TryRead(out _).Should().BeFalse();

        var again = await greetings.GreetAsync("bob", app.LibrarianId, "Halo lagi!");
        again.ErrorKey.Should().Be("Visitors_GreetTooSoon", "a visitor is not greeted twice in a short time");
        again.Arguments.Should().Equal(10);
        (await greetings.GreetAsync("nobody-here", app.LibrarianId, "Halo?")).ErrorKey.Should().Be("Visitors_GreetGone");
        (await greetings.GreetAsync("alice", app.LibrarianId, "  ")).ErrorKey.Should().Be("Visitors_GreetEmpty");
    }

    [Fact]
    public async Task Answering_a_greeting_starts_a_conversation_owned_by_the_greeting_librarian_without_any_form()
    {
        await using var patron = await app.VisitAsync("carla-0001", "https://library.test/koleksi-langka", "Koleksi Langka");
        (await app.Service<GreetingService>().GreetAsync("carla-0001", app.LibrarianId, "Sedang mencari naskah kuno?")).Succeeded.Should().BeTrue();
        var greeting = await PatronClient.NextAsync(patron.Greetings);

        var started = await patron.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.AnswerGreeting,
            new AnswerGreetingRequest(greeting.GreetingId, "Ya, naskah Jawa abad ke-18.", PatronClient.NewMessageId()));

        started.FirstMessage.Should().BeEquivalentTo(new { Sequence = 1, Author = PatronMessage.FromLibrarian, AuthorName = "Sari Wulandari", Text = "Sedang mencari naskah kuno?" });
        await using (var db = app.CreateDbContext())
        {
            var conversation = await db.Conversations.AsNoTracking().Include(c => c.Messages).SingleAsync(c => c.Id == started.ConversationId, Cancel);
            conversation.Should().BeEquivalentTo(new
            {
                Status = ConversationStatus.Active, OwnerId = app.LibrarianId, PatronName = "Pengunjung CARL", VisitorId = "carla-0001",
                PageUrl = "https://library.test/koleksi-langka", PatronEmail = (string?)null,
            });
            conversation.Messages.OrderBy(m => m.Sequence).Select(m => (m.Author, m.Text)).Should().Equal(
                (MessageAuthor.Librarian, "Sedang mencari naskah kuno?"), (MessageAuthor.Patron, "Ya, naskah Jawa abad ke-18."));
        }

        var resumed = await patron.InvokeAsync<ResumeResponse>(PatronHubContract.Methods.Resume, new ResumeRequest(started.ConversationId, started.PatronToken, 1));
        resumed.Should().BeEquivalentTo(new { Status = "active", LibrarianName = "Sari Wulandari" });
        resumed.Messages.Select(m => m.Text).Should().Equal("Ya, naskah Jawa abad ke-18.");

        await Eventually.TrueAsync(() => Visitors.Find("carla-0001")?.ChatState == VisitorChatState.Chatting, "the live list shows the chat");
        Visitors.Find("carla-0001").Should().BeEquivalentTo(new { ChatLibrarianName = "Sari Wulandari", ChatConversationId = (Guid?)started.ConversationId });

        var twice = await FluentActions.Awaiting(() => patron.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.AnswerGreeting,
            new AnswerGreetingRequest(greeting.GreetingId, "Halo?", PatronClient.NewMessageId()))).Should().ThrowAsync<HubException>();
        twice.Which.Error().Should().StartWith("not_found: Sapaan ini sudah tidak berlaku.");
        (await app.Service<GreetingService>().GreetAsync("carla-0001", app.LibrarianId, "Halo?")).ErrorKey.Should().Be("Visitors_GreetInConversation");
    }

    [Fact]
    public async Task A_greeting_answered_after_it_expired_goes_to_the_queue_instead()
    {
        await using var patron = await app.VisitAsync("dodi-late", "https://library.test/", "Beranda", language: "en");
        (await app.Service<GreetingService>().GreetAsync("dodi-late", app.LibrarianId, "Hello!")).Succeeded.Should().BeTrue();
        var greeting = await PatronClient.NextAsync(patron.Greetings);
        app.Advance(TimeSpan.FromMinutes(6));

        var started = await patron.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.AnswerGreeting,
            new AnswerGreetingRequest(greeting.GreetingId, "Sorry, I was away. Opening hours?", PatronClient.NewMessageId(), Name: "Dodi"));

        await using var db = app.CreateDbContext();
        var conversation = await db.Conversations.AsNoTracking().Include(c => c.Messages).SingleAsync(c => c.Id == started.ConversationId, Cancel);
        conversation.Should().BeEquivalentTo(new { Status = ConversationStatus.Waiting, OwnerId = (string?)null, PatronName = "Dodi", Language = "en" });
        conversation.Messages.OrderBy(m => m.Sequence).Select(m => m.Author).Should().Equal(MessageAuthor.Patron, MessageAuthor.Note);
    }
}
