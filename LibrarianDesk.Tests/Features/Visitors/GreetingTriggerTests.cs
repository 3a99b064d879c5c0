using LibrarianDesk.Features.Audit;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Features.Visitors;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Conversations;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Shared.Visitors;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LibrarianDesk.Tests.Features.Visitors;

/// <summary>Automatic greetings on the adjustable clock, with real widgets receiving them.</summary>
public sealed class GreetingTriggerTests(VisitorDeskApp app) : IClassFixture<VisitorDeskApp>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private GreetingTriggerStore Triggers => app.Service<GreetingTriggerStore>();

    private GreetingTriggerEvaluator Evaluator => app.Service<GreetingTriggerEvaluator>();

    private async Task<GreetingTrigger> AddAsync(GreetingTrigger trigger)
    {
        (await Triggers.SaveAsync(AuditActor.System, trigger)).Should().BeEmpty();
        return (await Triggers.ListAsync(AuditActor.System, Cancel)).Single(t => t.Name == trigger.Name);
    }

    private async Task<GreetingTrigger> ReadAsync(int id)
    {
        await using var db = app.CreateDbContext();
        return await db.GreetingTriggers.AsNoTracking().SingleAsync(t => t.Id == id, Cancel);
    }

    [Fact]
    public async Task A_dwell_trigger_greets_on_time_in_the_visitors_language_once_and_counts_the_conversation_it_led_to()
    {
        var trigger = await AddAsync(new GreetingTrigger
        {
            Name = "OPAC 30 detik", Kind = GreetingTriggerKind.PageDwell, Pattern = "/OPAC", DwellSeconds = 30,
            TextId = "Butuh bantuan mencari di OPAC?", TextEn = "Need help searching the catalogue?",
        });
        await using var reader = await app.VisitAsync("dwell-en", "https://library.test/opac/search", "Katalog", language: "en");
        await using var elsewhere = await app.VisitAsync("dwell-home", "https://library.test/", "Beranda");

        app.Advance(TimeSpan.FromSeconds(29));
        (await Evaluator.EvaluateAsync(Cancel)).Should().Be(0, "29 seconds on the page are not 30");
        reader.Greetings.Reader.TryRead(out _).Should().BeFalse();

        app.Advance(TimeSpan.FromSeconds(1));
        var greeting = await PatronClient.NextAsync(reader.Greetings);
        greeting.Should().BeEquivalentTo(new { LibrarianName = "", Text = "Need help searching the catalogue?" });
        (await ReadAsync(trigger.Id)).FiredCount.Should().Be(1);

        app.Advance(TimeSpan.FromMinutes(30));
        (await Evaluator.EvaluateAsync(Cancel)).Should().Be(0, "a trigger greets a visitor once per visit");
        elsewhere.Greetings.Reader.TryRead(out _).Should().BeFalse("the home page does not match");

        var started = await reader.InvokeAsync<StartConversationResponse>(PatronHubContract.Methods.AnswerGreeting,
            new AnswerGreetingRequest(greeting.GreetingId, "Yes please, how do I search by ISBN?", PatronClient.NewMessageId()));
        started.FirstMessage.Text.Should().Be("Yes please, how do I search by ISBN?", "the patron's words open an automatic greeting's conversation");
        (await ReadAsync(trigger.Id)).Should().BeEquivalentTo(new { FiredCount = 1, ConversationCount = 1 });
        await using var db = app.CreateDbContext();
        (await db.Conversations.SingleAsync(c => c.Id == started.ConversationId, Cancel)).Status.Should().Be(ConversationStatus.Waiting, "nobody owns an automatic greeting");
        await Triggers.SetEnabledAsync(AuditActor.System, trigger.Id, false);
    }

    [Fact]
    public async Task A_referrer_trigger_greets_only_while_the_desk_is_open_and_not_when_switched_off()
    {
        var trigger = await AddAsync(new GreetingTrigger
        {
            Name = "Dari Google", Kind = GreetingTriggerKind.Referrer, Pattern = "google.", TextId = "Selamat datang dari pencarian!", TextEn = "",
        });
        var presence = app.Service<PresenceService>();
        await presence.SetAsync(app.LibrarianId, Presence.Offline, Cancel);
        try
        {
            await using var searcher = await app.VisitAsync("from-google", "https://library.test/", "Beranda", referrer: "https://www.google.com/search?q=perpusnas", language: "en");
            app.Advance(TimeSpan.FromSeconds(5));
            (await Evaluator.EvaluateAsync(Cancel)).Should().Be(0, "nobody is Online: the desk is not open");

            await Triggers.SetEnabledAsync(AuditActor.System, trigger.Id, false);
            await presence.SetAsync(app.LibrarianId, Presence.Online, Cancel);
            (await Evaluator.EvaluateAsync(Cancel)).Should().Be(0, "the trigger is switched off");
            searcher.Greetings.Reader.TryRead(out _).Should().BeFalse();

            await Triggers.SetEnabledAsync(AuditActor.System, trigger.Id, true);
            var greeting = await PatronClient.NextAsync(searcher.Greetings);
            greeting.Text.Should().Be("Selamat datang dari pencarian!", "without an English text the Indonesian one is sent");
            (await ReadAsync(trigger.Id)).Should().BeEquivalentTo(new { FiredCount = 1, ConversationCount = 0 });
        }
        finally
        {
            await Triggers.SetEnabledAsync(AuditActor.System, trigger.Id, false);
            await presence.SetAsync(app.LibrarianId, Presence.Online, Cancel);
        }
    }

    [Fact]
    public async Task A_trigger_with_missing_parts_is_refused_with_each_problem()
    {
        var problems = await Triggers.SaveAsync(AuditActor.System, new GreetingTrigger { Name = " ", Kind = GreetingTriggerKind.PageDwell, Pattern = "", DwellSeconds = 0, TextId = "" });
        problems.Should().BeEquivalentTo("Visitors_TriggerBadName", "Visitors_TriggerBadPattern", "Visitors_TriggerBadDwell", "Visitors_TriggerBadText");
    }
}
