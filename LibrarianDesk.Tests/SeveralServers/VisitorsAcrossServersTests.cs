using System.Collections.Concurrent;
using LibrarianDesk.Data;
using LibrarianDesk.Features.Visitors;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Visitors;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.SeveralServers;

/// <summary>
/// Live visitors and greetings on a desk of two servers: a visitor connected to server A is listed, greeted and answered
/// from server B as on one server, greeted once however many librarians try at once, and answered once from tabs on both.
/// </summary>
public sealed class VisitorsAcrossServersTests(VisitorsAcrossServersTests.QuickDepartures desk)
    : IClassFixture<VisitorsAcrossServersTests.QuickDepartures>
{
    /// <summary>A closed tab is a departure after one second, not fifteen.</summary>
    public sealed class QuickDepartures : TwoServerDesk
    {
        protected override IReadOnlyDictionary<string, string?> MoreSettings { get; } = new Dictionary<string, string?>
        {
            ["Desk:Visitors:DepartureGrace"] = "00:00:01",
        };
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static HelloRequest Hello(string visitorId, string page = "https://library.test/opac", string title = "OPAC") =>
        new(visitorId, page, title, null, "id");

    private static string NewVisitor() => $"visitor-{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task A_visitor_on_one_server_is_listed_on_the_other_with_their_page_and_leaves_both_lists()
    {
        await TwoServerDesk.RequireAsync();
        var onB = desk.B.Service<VisitorDirectory>();
        var refreshesOnB = 0;
        using var refreshing = desk.B.Notifier.Subscribe<VisitorsChanged>(_ =>
        {
            Interlocked.Increment(ref refreshesOnB);
            return Task.CompletedTask;
        });
        var visitorId = NewVisitor();

        await using (var patron = await PatronClient.ConnectAsync(desk.A, Hello(visitorId)))
        {
            await Eventually.TrueAsync(() => onB.Find(visitorId) is { OpenTabs: 1, PageUrl: "https://library.test/opac", ChatState: VisitorChatState.Browsing },
                "server B lists the visitor connected to server A");
            // The list is taken in first and the pages told right after: wait for the telling.
            await Eventually.TrueAsync(() => Volatile.Read(ref refreshesOnB) > 0, "server B's Visitors page refreshes when A's list arrives");
            desk.B.Service<VisitorService>().Snapshot().Rows.Should().NotContain(v => v.VisitorId == visitorId, "the visitor is connected to A only");

            await patron.InvokeAsync(PatronHubContract.Methods.PageChanged, new PageView("https://library.test/faq", "FAQ"));
            await Eventually.TrueAsync(() => onB.Find(visitorId) is { PageUrl: "https://library.test/faq", PageTitle: "FAQ", PagesViewed: 2 },
                "server B follows the visitor to the next page");
            onB.Query(new VisitorFilter("faq"), 0, 100).Rows.Should().ContainSingle(v => v.VisitorId == visitorId);
            onB.Counts().Now.Should().Be(onB.Query(VisitorFilter.All, 0, 0).Total);
        }

        await Eventually.TrueAsync(() => onB.Find(visitorId) is null && desk.A.Service<VisitorDirectory>().Find(visitorId) is null,
            "the visit ends on both lists after the grace");
    }

    [Fact]
    public async Task A_librarian_on_one_server_greets_a_visitor_on_the_other_who_answers_into_the_librarians_chat()
    {
        await TwoServerDesk.RequireAsync();
        var visitorId = NewVisitor();
        await using var patron = await PatronClient.ConnectAsync(desk.A, Hello(visitorId, "https://library.test/koleksi-langka", "Koleksi Langka"));
        var greetingsOnB = desk.B.Service<GreetingService>();
        await Eventually.TrueAsync(() => desk.B.Service<VisitorDirectory>().Find(visitorId) is not null, "server B lists the visitor");

        (await greetingsOnB.GreetAsync(visitorId, desk.LibrarianId, "Sedang mencari naskah kuno?")).Succeeded.Should().BeTrue();
        var greeting = await PatronClient.NextAsync(patron.Greetings);
        greeting.Should().BeEquivalentTo(new { LibrarianName = "Sari Wulandari", Text = "Sedang mencari naskah kuno?" });

        var started = await patron.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.AnswerGreeting,
            new AnswerGreetingRequest(greeting.GreetingId, "Ya, naskah Jawa.", PatronClient.NewMessageId()));

        await using (var db = desk.B.CreateDbContext())
        {
            (await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == started.ConversationId, Cancel)).Should().BeEquivalentTo(new
            {
                Status = ConversationStatus.Active, OwnerId = desk.LibrarianId, VisitorId = visitorId, PageUrl = "https://library.test/koleksi-langka",
            });
        }

        await Eventually.TrueAsync(() => desk.B.Service<VisitorDirectory>().Find(visitorId) is { ChatState: VisitorChatState.Chatting, ChatLibrarianName: "Sari Wulandari" },
            "server B's list shows the visitor chatting");
        (await greetingsOnB.GreetAsync(visitorId, desk.LibrarianId, "Halo?")).ErrorKey.Should().Be("Visitors_GreetInConversation");
    }

    [Fact]
    public async Task Librarians_on_both_servers_greeting_the_same_visitors_at_once_send_each_visitor_one_greeting()
    {
        await TwoServerDesk.RequireAsync();
        var visitors = Enumerable.Range(0, 8).Select(_ => NewVisitor()).ToList();
        var patrons = await Task.WhenAll(visitors.Select(v => PatronClient.ConnectAsync(desk.A, Hello(v))));
        try
        {
            await Eventually.TrueAsync(() => visitors.All(v => desk.B.Service<VisitorDirectory>().Find(v) is not null), "server B lists every visitor");

            var outcomes = await Task.WhenAll(visitors.SelectMany(v => new[]
            {
                desk.A.Service<GreetingService>().GreetAsync(v, desk.LibrarianId, "Halo dari A"),
                desk.B.Service<GreetingService>().GreetAsync(v, desk.LibrarianId, "Halo dari B"),
            }));

            for (var i = 0; i < visitors.Count; i++)
            {
                var pair = outcomes.Skip(2 * i).Take(2).ToList();
                pair.Count(o => o.Succeeded).Should().Be(1, $"{visitors[i]} is greeted once, whichever server is first");
                pair.Single(o => !o.Succeeded).ErrorKey.Should().Be("Visitors_GreetTooSoon");
                (await PatronClient.NextAsync(patrons[i].Greetings)).Text.Should().StartWith("Halo dari ");
            }
        }
        finally
        {
            foreach (var patron in patrons)
            {
                await patron.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_greeting_shown_in_tabs_on_both_servers_is_answered_once()
    {
        await TwoServerDesk.RequireAsync();
        var visitorId = NewVisitor();
        await using var tabOnA = await PatronClient.ConnectAsync(desk.A, Hello(visitorId));
        await using var tabOnB = await PatronClient.ConnectAsync(desk.B, Hello(visitorId, "https://library.test/", "Beranda"));
        await Eventually.TrueAsync(() => desk.B.Service<VisitorDirectory>().Find(visitorId) is { OpenTabs: 2 }, "both tabs are on B's list as one visitor");

        (await desk.B.Service<GreetingService>().GreetAsync(visitorId, desk.LibrarianId, "Ada yang bisa dibantu?")).Succeeded.Should().BeTrue();
        var shownOnA = await PatronClient.NextAsync(tabOnA.Greetings);
        var shownOnB = await PatronClient.NextAsync(tabOnB.Greetings);
        shownOnA.GreetingId.Should().Be(shownOnB.GreetingId);

        var answers = await Task.WhenAll(new[] { tabOnA, tabOnB }.Select(async tab =>
        {
            try
            {
                return (await tab.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.AnswerGreeting,
                    new AnswerGreetingRequest(shownOnA.GreetingId, "Ya, jam buka?", PatronClient.NewMessageId()))).ConversationId.ToString();
            }
            catch (HubException refused)
            {
                return refused.Error();
            }
        }));

        answers.Count(a => Guid.TryParse(a, out _)).Should().Be(1, "one tab's answer starts the conversation");
        answers.Single(a => !Guid.TryParse(a, out _)).Should().StartWith("not_found: Sapaan ini sudah tidak berlaku.");
        await using var db = desk.A.CreateDbContext();
        (await db.Conversations.CountAsync(c => c.VisitorId == visitorId, Cancel)).Should().Be(1);
    }

    [Fact]
    public async Task A_server_that_stops_takes_its_visitors_off_the_other_servers_lists_at_once()
    {
        await TwoServerDesk.RequireAsync();
        var visitorId = NewVisitor();
        var onB = desk.B.Service<VisitorDirectory>();

        // A long grace: the visitor's tab closing with the server cannot be what takes them off B's list.
        var third = desk.AnotherServer(new Dictionary<string, string?> { ["Desk:Visitors:DepartureGrace"] = "00:10:00" });
        await third.InitializeAsync();
        var patron = await PatronClient.ConnectAsync(third, Hello(visitorId));
        Task? stopping = null;
        try
        {
            await Eventually.TrueAsync(() => onB.Find(visitorId) is not null, "server B lists the visitor on the third server");
            stopping = third.DisposeAsync().AsTask();

            // Well inside the 30 seconds after which a silent server's list would expire.
            await Eventually.TrueAsync(() => onB.Find(visitorId) is null, "server B drops the stopped server's visitors");
            await stopping;
        }
        finally
        {
            await patron.DisposeAsync();
            await (stopping ?? third.DisposeAsync().AsTask());
        }
    }
}
