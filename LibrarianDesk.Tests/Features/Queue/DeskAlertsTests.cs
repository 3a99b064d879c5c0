using Bunit;
using Bunit.TestDoubles;
using LibrarianDesk.Components.Layout;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Contracts;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Features.Conversations;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace LibrarianDesk.Tests.Features.Queue;

/// <summary>
/// The alerts in the app bar, without a browser: the toasts as MudBlazor's snackbar provider shows them,
/// and bUnit's JS interop records what ring.js was asked to play (<c>deskRing.alert</c>) and which count
/// it was asked to put in the tab title. Events come from the running desk's own chat rules and event bus.
/// </summary>
public sealed class DeskAlertsTests(OpenDeskApp app) : LiveDeskComponentTest(app), IClassFixture<OpenDeskApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private DeskNotifier Notifier => App.Service<DeskNotifier>();

    private PresenceService Presences => App.Service<PresenceService>();

    private LibrarianChat Chat => App.Service<LibrarianChat>();

    private PatronChat Patron => App.Service<PatronChat>();

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    /// <summary>A librarian signed in to this desk with the given presence, and their alerts ready.</summary>
    private Task<(string Id, IRenderedComponent<DeskAlerts> Alerts)> AlertsForAsync(Presence presence, params string[] roles) =>
        AlertsForAsync(presence, _ => Task.CompletedTask, roles);

    /// <summary>The same, with what the librarian already has in hand (<paramref name="before"/>, given her id) when her desk opens.</summary>
    private async Task<(string Id, IRenderedComponent<DeskAlerts> Alerts)> AlertsForAsync(Presence presence, Func<string, Task> before, params string[] roles)
    {
        var account = await StaffAccounts.CreateAsync(App, $"ring-{Guid.NewGuid():N}@test.local", roles.Length == 0 ? [DeskRoles.Librarian] : roles, "Sari Dering");
        var librarian = roles.Length == 0 || roles.Contains(DeskRoles.Librarian);
        if (librarian)
        {
            // Only a librarian may hold a presence (PresenceService refuses anyone else).
            await Presences.SetAsync(account.Id, presence, Cancel);
        }

        SignInAsAccount(account.Id, account.DisplayName, roles.Length == 0 ? [DeskRoles.Librarian] : roles);
        await before(account.Id);
        var alerts = Render<DeskAlerts>();
        if (librarian)
        {
            var expected = presence == Presence.Online ? "online" : "nobody";
            alerts.WaitForAssertion(() => alerts.Find("[data-testid=enable-sound]").GetAttribute("data-rings-for").Should().Be(expected), Patience);
        }

        return (account.Id, alerts);
    }

    private sealed record Played(string Kind, string Title, string Body, string Href);

    /// <summary>Alerts arrive from the desk's own loop, so this polls the recorded JS calls (with a deadline).</summary>
    private async Task PlayedAsync(Func<Played, bool> alert, string what)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(Patience);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!(await AlertsPlayedAsync()).Any(alert))
        {
            try
            {
                await poll.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!Cancel.IsCancellationRequested)
            {
                (await AlertsPlayedAsync()).Should().Contain(a => alert(a), $"{what} was expected within {Patience}");
            }
        }
    }

    private Task PlayedForAsync(string patronName) =>
        PlayedAsync(a => a.Body.StartsWith(patronName, StringComparison.Ordinal), $"an alert for {patronName}");

    /// <summary>The alerts asked of the browser so far; the list is written on the renderer's thread, so it is read there too.</summary>
    private Task<List<Played>> AlertsPlayedAsync() => Renderer.Dispatcher.InvokeAsync(() => JSInterop.Invocations
        .Where(i => i.Identifier == "deskRing.alert")
        .Select(i => new Played((string)i.Arguments[0]!, (string)i.Arguments[1]!, (string)i.Arguments[2]!, (string)i.Arguments[3]!))
        .ToList());

    private async Task<List<Played>> AlertsForPatronAsync(string patronName) =>
        (await AlertsPlayedAsync()).Where(a => a.Body.StartsWith(patronName, StringComparison.Ordinal)).ToList();

    private static string TitleCount(IRenderedComponent<DeskAlerts> alerts) =>
        alerts.Find("[data-testid=enable-sound]").GetAttribute("data-title-count")!;

    /// <summary>
    /// The title count once it shows every chat waiting on this desk (earlier tests leave some) and nothing
    /// unread in her own conversations: what a test's messages then add to it.
    /// </summary>
    private async Task<int> WaitingAsync(IRenderedComponent<DeskAlerts> alerts)
    {
        var waiting = (await App.Service<ConversationQueries>().QueueAsync(Cancel)).Waiting.Count;
        alerts.WaitForAssertion(() => TitleCount(alerts).Should().Be($"{waiting}"), Patience);
        return waiting;
    }

    /// <summary>The last count ring.js was asked to put in front of the tab title.</summary>
    private Task<int?> TitleShownAsync() => Renderer.Dispatcher.InvokeAsync(() => JSInterop.Invocations
        .Where(i => i.Identifier == "deskRing.setUnread").Select(i => (int?)i.Arguments[0]).LastOrDefault());

    /// <summary>A conversation of hers, its first message read.</summary>
    private async Task<(Guid Id, StartConversationResponse Started)> MineAsync(string librarianId, string patronName)
    {
        var started = await UnreadConversations.StartAsync(App, patronName);
        await Chat.ClaimAsync(librarianId, started.ConversationId);
        await App.Service<UnreadMessages>().MarkReadAsync(librarianId, started.ConversationId, 1, Cancel);
        return (started.ConversationId, started);
    }

    private Task PatronSaysAsync(StartConversationResponse started, string text) =>
        Patron.SendPatronMessageAsync(new SendMessageRequest(started.ConversationId, started.PatronToken, PatronClient.NewMessageId(), text));

    [Fact]
    public async Task An_online_librarian_is_alerted_to_a_waiting_conversation_with_its_patron_and_first_words()
    {
        await AlertsForAsync(Presence.Online);
        var id = await Conversations.StartAsync(App, "Ayu Lestari", text: "Di mana koleksi naskah kuno?");

        await Notifier.PublishAsync(new RingRequested(id));

        await PlayedForAsync("Ayu Lestari");
        (await AlertsForPatronAsync("Ayu Lestari")).Should().AllBeEquivalentTo(
            new Played("chat", "Percakapan baru menunggu", "Ayu Lestari: Di mana koleksi naskah kuno?", $"/conversations/{id}"));
    }

    [Fact]
    public async Task An_away_librarian_is_not_alerted_to_waiting_chats_until_they_come_back_online()
    {
        var (id, _) = await AlertsForAsync(Presence.Away);
        var conversation = await Conversations.StartAsync(App, "Bayu Away");

        await Notifier.PublishAsync(new RingRequested(conversation));
        (await AlertsPlayedAsync()).Should().BeEmpty();

        await Presences.SetAsync(id, Presence.Online, Cancel);
        await Notifier.PublishAsync(new RingRequested(conversation));
        await PlayedForAsync("Bayu Away");
    }

    [Fact]
    public async Task An_offline_librarian_is_not_alerted_to_waiting_chats()
    {
        await AlertsForAsync(Presence.Offline);
        var conversation = await Conversations.StartAsync(App, "Citra Offline");

        await Notifier.PublishAsync(new RingRequested(conversation));

        (await AlertsPlayedAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_conversation_taken_before_the_ring_arrives_gives_no_alert()
    {
        var conversation = await Conversations.StartAsync(App, "Dimas Sudah Diambil");
        await Chat.ClaimAsync(((OpenDeskApp)App).LibrarianId, conversation);
        await AlertsForAsync(Presence.Online);

        await Notifier.PublishAsync(new RingRequested(conversation));

        (await AlertsForPatronAsync("Dimas")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_transfer_alerts_only_the_new_owner()
    {
        var (id, _) = await AlertsForAsync(Presence.Online);
        var sari = ((OpenDeskApp)App).LibrarianId;
        var conversation = await Conversations.StartAsync(App, "Eka Dialihkan");
        await Chat.ClaimAsync(sari, conversation);

        // (The desk may have alerted everyone for Eka while the chat still waited; only transfer alerts count here.)
        await Notifier.PublishAsync(new RingRequested(conversation, OnlyLibrarianId: sari));
        (await TransferAlertsAsync()).Should().BeEmpty("that transfer ring was for Sari");

        await Chat.TransferAsync(sari, conversation, id, "Pertanyaan naskah, bidang Anda.");
        await PlayedAsync(a => a == new Played("chat", "Percakapan dialihkan kepada Anda", "Eka Dialihkan: Saya mencari koleksi peta Batavia.", $"/conversations/{conversation}"),
            "the transfer alert");
        (await TransferAlertsAsync()).Should().ContainSingle();
    }

    private async Task<List<Played>> TransferAlertsAsync() =>
        (await AlertsPlayedAsync()).Where(a => a.Title == "Percakapan dialihkan kepada Anda").ToList();

    [Fact]
    public async Task A_new_conversation_alerts_through_the_running_desk_without_anyone_asking()
    {
        await AlertsForAsync(Presence.Online);

        await Conversations.StartAsync(App, "Fajar Otomatis");

        await PlayedForAsync("Fajar Otomatis");
    }

    [Fact]
    public async Task A_patron_message_in_her_conversation_gives_a_toast_that_opens_it_a_message_alert_and_the_title_count_until_she_reads_it()
    {
        (Guid Id, StartConversationResponse Started) mine = (Guid.Empty, null!);
        var (id, alerts) = await AlertsForAsync(Presence.Away, async librarian => mine = await MineAsync(librarian, "Gilang Pesan"));
        var (conversation, started) = mine;
        var toasts = Render<MudSnackbarProvider>();
        var waiting = await WaitingAsync(alerts);

        await PatronSaysAsync(started, "Apakah bukunya bisa dipinjam minggu ini?");
        await PatronSaysAsync(started, "Saya tunggu kabarnya.");

        await PlayedAsync(a => a.Body == "Gilang Pesan: Saya tunggu kabarnya.", "the alert for the second message");
        (await AlertsForPatronAsync("Gilang Pesan")).Should().Equal(
            new Played("message", "Pesan baru", "Gilang Pesan: Apakah bukunya bisa dipinjam minggu ini?", $"/conversations/{conversation}"),
            new Played("message", "Pesan baru", "Gilang Pesan: Saya tunggu kabarnya.", $"/conversations/{conversation}"));
        alerts.WaitForAssertion(() => TitleCount(alerts).Should().Be($"{waiting + 2}", "an Away librarian still hears her own patrons"), Patience);
        (await TitleShownAsync()).Should().Be(waiting + 2);
        toasts.WaitForAssertion(() => toasts.FindAll("[data-testid=desk-alert]").Should().ContainSingle("a newer toast replaces the older one of the same conversation")
            .Which.TextContent.Should().Contain("Pesan baru").And.Contain("Gilang Pesan: Saya tunggu kabarnya."), Patience);

        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        await Renderer.Dispatcher.InvokeAsync(() => toasts.Find("[data-testid=desk-alert]").Click());
        navigation.Uri.Should().EndWith($"/conversations/{conversation}", "the toast itself opens the conversation");
        navigation.NavigateTo("/visitors");
        await Renderer.Dispatcher.InvokeAsync(() => toasts.Find(".mud-snackbar-action-button").Click());
        navigation.Uri.Should().EndWith($"/conversations/{conversation}", "and so does its Buka button");

        await App.Service<UnreadMessages>().MarkReadAsync(id, conversation, 99, Cancel);
        alerts.WaitForAssertion(() => TitleCount(alerts).Should().Be($"{waiting}"), Patience);
        toasts.WaitForAssertion(() => toasts.FindAll("[data-testid=desk-alert]").Should().BeEmpty("what was read needs no toast"), Patience);
        (await TitleShownAsync()).Should().Be(waiting);
    }

    [Fact]
    public async Task A_message_in_the_conversation_on_screen_or_in_a_colleagues_gives_no_alert()
    {
        (Guid Id, StartConversationResponse Started) onScreen = (Guid.Empty, null!), later = (Guid.Empty, null!);
        var colleagues = await MineAsync(((OpenDeskApp)App).LibrarianId, "Indra Rekan");
        var (_, alerts) = await AlertsForAsync(Presence.Online, async librarian =>
        {
            onScreen = await MineAsync(librarian, "Hana Dibuka");
            later = await MineAsync(librarian, "Joko Kemudian");
            Services.GetRequiredService<NavigationManager>().NavigateTo($"/conversations/{onScreen.Id}");
        });
        var waiting = await WaitingAsync(alerts);

        await PatronSaysAsync(colleagues.Started, "Pak, masih di sana?");
        await PatronSaysAsync(onScreen.Started, "Terima kasih, sudah jelas.");
        await PatronSaysAsync(later.Started, "Satu pertanyaan lagi.");

        await PlayedForAsync("Joko Kemudian");
        (await AlertsForPatronAsync("Hana Dibuka")).Should().BeEmpty("the conversation on screen is being read");
        (await AlertsForPatronAsync("Indra Rekan")).Should().BeEmpty("a colleague's patron is hers to answer");
        alerts.WaitForAssertion(() => TitleCount(alerts).Should().Be($"{waiting + 1}"), Patience);
    }

    [Theory]
    [InlineData("conversations/01a25061-93af-7645-b937-0d10793f8d04", true)]
    [InlineData("conversations/01a25061-93af-7645-b937-0d10793f8d04?tab=notes#end", true)]
    [InlineData("conversations/bukan-guid", false)]
    [InlineData("conversations/01a25061-93af-7645-b937-0d10793f8d04/extra", false)]
    [InlineData("history/01a25061-93af-7645-b937-0d10793f8d04", false)]
    [InlineData("visitors", false)]
    [InlineData("", false)]
    public void Only_a_workspace_address_counts_as_a_conversation_on_screen(string path, bool shown)
    {
        var id = ConversationPage.ShownAt(path);

        (id == Guid.Parse("01a25061-93af-7645-b937-0d10793f8d04")).Should().Be(shown);
        if (!shown)
        {
            id.Should().BeNull("a message in no conversation on screen is alerted for");
        }
    }

    [Fact]
    public async Task A_greeted_visitors_answer_alerts_the_greeter()
    {
        var (id, _) = await AlertsForAsync(Presence.Away);

        var started = await Patron.StartFromGreetingAsync(
            new GreetingAnswer($"visitor-{Guid.NewGuid():N}", id, "Selamat datang, ada yang bisa dibantu?", "Kartika Disapa", null, null,
                "Ya, saya cari buku resep.", PatronClient.NewMessageId(), null),
            "id");

        await PlayedAsync(a => a == new Played("message", "Pengunjung menjawab sapaan Anda", "Kartika Disapa: Ya, saya cari buku resep.",
            $"/conversations/{started.ConversationId}"), "the greeting's answer");
    }

    [Fact]
    public async Task Staff_without_the_librarian_role_get_no_alerts()
    {
        var (_, alerts) = await AlertsForAsync(Presence.Online, DeskRoles.ItAdmin);
        var conversation = await Conversations.StartAsync(App, "Gita Admin");

        await Notifier.PublishAsync(new RingRequested(conversation));

        alerts.FindAll("[data-testid=enable-sound]").Should().BeEmpty();
        (await AlertsPlayedAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task A_tab_still_signed_in_as_a_librarian_is_not_alerted_to_waiting_chats_once_the_account_has_lost_the_role()
    {
        var (id, alerts) = await AlertsForAsync(Presence.Online);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            // Straight through Identity, as another desk process would: this tab's sign-in and its Online stay as they were.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Librarian>>();
            (await users.RemoveFromRoleAsync((await users.FindByIdAsync(id))!, DeskRoles.Librarian)).Succeeded.Should().BeTrue();
        }

        var conversation = await Conversations.StartAsync(App, "Hana Bukan Pustakawan");

        // The notifier's publish returns once every subscriber has handled the ring.
        await Notifier.PublishAsync(new RingRequested(conversation));

        alerts.Find("[data-testid=enable-sound]").GetAttribute("data-rings-for").Should().Be("online", "the tab still believes it is Online");
        (await AlertsPlayedAsync()).Should().NotContain(a => a.Body.StartsWith("Hana", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_sound_button_follows_the_choice_the_browser_remembers()
    {
        JSInterop.Setup<bool>("deskRing.attach", _ => true).SetResult(true);
        var (_, alerts) = await AlertsForAsync(Presence.Online);

        alerts.WaitForAssertion(() => alerts.Find("[data-testid=enable-sound]").GetAttribute("data-sound").Should().Be("on"), Patience);
        alerts.Find("[data-testid=enable-sound]").GetAttribute("aria-label").Should().Be("Matikan Suara");

        await alerts.Instance.SoundChanged(false);
        alerts.Find("[data-testid=enable-sound]").GetAttribute("data-sound").Should().Be("off");
        alerts.Find("[data-testid=enable-sound]").GetAttribute("aria-label").Should().Be("Aktifkan Suara");
    }
}
