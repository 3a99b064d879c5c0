using Bunit;
using Microsoft.Extensions.DependencyInjection;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;

namespace LibrarianDesk.Tests.Features.Queue;

/// <summary>The live queue against a running desk: conversations started through the real chat rules appear without a reload.</summary>
public sealed class QueuePageTests(OpenDeskApp app) : LiveDeskComponentTest(app), IClassFixture<OpenDeskApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private LibrarianChat Chat => App.Service<LibrarianChat>();

    private static string Text(IRenderedComponent<QueuePage> page, string rowSelector, string testId) =>
        page.Find($"{rowSelector} [data-testid={testId}]").TextContent.Trim();

    [Fact]
    public async Task The_queue_starts_empty_shows_each_new_conversation_as_it_arrives_and_moves_taken_ones_to_active()
    {
        var sari = (OpenDeskApp)App;
        SignInAsAccount(sari.LibrarianId, "Sari Wulandari", DeskRoles.Librarian);
        var questionType = await Conversations.FirstQuestionTypeAsync(App);
        var page = Render<QueuePage>();

        page.WaitForAssertion(() => page.Find("[data-testid=queue-page]").GetAttribute("data-live").Should().Be("true"), Patience);
        Text(page, "[data-testid=queue-waiting]", "queue-empty-waiting").Should().StartWith("Belum ada percakapan yang menunggu");

        var first = await Conversations.StartAsync(App, "Siti Rahma", memberNumber: "3171-0001-2345", text: "Apakah ada peta Batavia abad ke-18?");
        page.WaitForAssertion(() => page.FindAll("[data-testid=queue-waiting-row]").Should().HaveCount(1), Patience);

        var row = $"[data-conversation-id='{first}']";
        Text(page, row, "queue-patron").Should().Be("Siti Rahma");
        Text(page, row, "queue-member").Should().Be("Anggota 3171-0001-2345");
        Text(page, row, "queue-question-type").Should().Be(questionType.NameId);
        Text(page, row, "queue-preview").Should().Be("Apakah ada peta Batavia abad ke-18?");
        Text(page, row, "queue-waiting-time").Should().MatchRegex(@"^\d+ dtk$");
        Text(page, row, "queue-page-url").Should().Contain("https://perpusnas.go.id/layanan");
        page.Find($"{row} [data-testid=queue-open]").GetAttribute("href").Should().Be($"/conversations/{first}");
        page.FindAll("[data-testid=queue-empty-waiting]").Should().BeEmpty();

        var second = await Conversations.StartAsync(App, "Budi Santoso", text: "Jam buka hari Sabtu?");
        page.WaitForAssertion(() => page.FindAll("[data-testid=queue-waiting-row]").Should().HaveCount(2), Patience);
        page.FindAll("[data-testid=queue-waiting-row]").Select(r => r.GetAttribute("data-conversation-id"))
            .Should().Equal([first.ToString(), second.ToString()], "the one waiting longest comes first");
        Text(page, $"[data-conversation-id='{second}']", "queue-member").Should().Be("Bukan Anggota");

        await Chat.ClaimAsync(sari.LibrarianId, first);
        var colleague = await StaffAccounts.CreateAsync(App, "hendra.queue@test.local", [DeskRoles.Librarian], "Hendra Setiawan");
        await Chat.ClaimAsync(colleague.Id, second);

        page.WaitForAssertion(() => page.FindAll("[data-testid=queue-waiting-row]").Should().BeEmpty(), Patience);
        page.Find("[data-testid=queue-mine-row]").GetAttribute("data-conversation-id").Should().Be(first.ToString());
        var colleagues = page.Find("[data-testid=queue-colleague-row]");
        colleagues.GetAttribute("data-conversation-id").Should().Be(second.ToString());
        colleagues.QuerySelector("[data-testid=queue-owner]")!.TextContent.Trim().Should().Be("Dilayani oleh Hendra Setiawan");
        page.Find("[data-testid=queue-empty-waiting]").Should().NotBeNull();
    }

    [Fact]
    public void Waiting_times_read_as_seconds_minutes_and_hours_in_each_language()
    {
        var localizer = Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<LibrarianDesk.Resources.DeskStrings>>();

        ElapsedText.Format(TimeSpan.FromSeconds(42), localizer).Should().Be("42 dtk");
        ElapsedText.Format(TimeSpan.FromSeconds(125), localizer).Should().Be("2 mnt 05 dtk");
        ElapsedText.Format(TimeSpan.FromMinutes(63), localizer).Should().Be("1 jam 03 mnt");
        ElapsedText.Format(TimeSpan.FromSeconds(-3), localizer).Should().Be("0 dtk", "a clock a little behind the database never shows a negative wait");

        UseLanguage("en");
        ElapsedText.Format(TimeSpan.FromSeconds(125), localizer).Should().Be("2 min 05 s");
    }
}
