using Bunit;
using LibrarianDesk.Components.Layout;
using LibrarianDesk.Features.Accounts;
using LibrarianDesk.Features.Conversations;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LibrarianDesk.Tests.Features.Queue;

/// <summary>
/// The ring decision in the app bar, without a browser: bUnit's JS interop records whether
/// <c>deskRing.ring</c> was asked to play. Rings are published on the running desk's event bus.
/// </summary>
public sealed class RingerTests(OpenDeskApp app) : LiveDeskComponentTest(app), IClassFixture<OpenDeskApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private DeskNotifier Notifier => App.Service<DeskNotifier>();

    private PresenceService Presences => App.Service<PresenceService>();

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    /// <summary>A librarian signed in to this desk with the given presence, and their ringer ready.</summary>
    private async Task<(string Id, IRenderedComponent<Ringer> Ringer)> RingerForAsync(Presence presence, params string[] roles)
    {
        var account = await StaffAccounts.CreateAsync(App, $"ring-{Guid.NewGuid():N}@test.local", roles.Length == 0 ? [DeskRoles.Librarian] : roles, "Sari Dering");
        var librarian = roles.Length == 0 || roles.Contains(DeskRoles.Librarian);
        if (librarian)
        {
            await Presences.SetAsync(account.Id, presence, Cancel);
        }

        SignInAsAccount(account.Id, account.DisplayName, roles.Length == 0 ? [DeskRoles.Librarian] : roles);
        var ringer = Render<Ringer>();
        if (librarian)
        {
            var expected = presence == Presence.Online ? "online" : "nobody";
            ringer.WaitForAssertion(() => ringer.Find("[data-testid=enable-sound]").GetAttribute("data-rings-for").Should().Be(expected), Patience);
        }

        return (account.Id, ringer);
    }

    /// <summary>Rings arrive from the desk's own loop and re-render nothing, so this polls the recorded JS calls (with a deadline).</summary>
    private async Task RungAsync(Func<(string Title, string Body), bool> ring, string what)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(Patience);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (!(await RingsAsync()).Any(ring))
        {
            try
            {
                await poll.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!Cancel.IsCancellationRequested)
            {
                (await RingsAsync()).Should().Contain(r => ring(r), $"{what} was expected within {Patience}");
            }
        }
    }

    private Task RungForAsync(string patronName) =>
        RungAsync(r => r.Body.StartsWith(patronName, StringComparison.Ordinal), $"a ring for {patronName}");

    /// <summary>The rings asked of the browser so far; the list is written on the renderer's thread, so it is read there too.</summary>
    private Task<List<(string Title, string Body)>> RingsAsync() => Renderer.Dispatcher.InvokeAsync(() => JSInterop.Invocations
        .Where(i => i.Identifier == "deskRing.ring")
        .Select(i => ((string)i.Arguments[0]!, (string)i.Arguments[1]!))
        .ToList());

    [Fact]
    public async Task An_online_librarian_is_rung_for_a_waiting_conversation_with_its_patron_and_first_words()
    {
        var (_, ringer) = await RingerForAsync(Presence.Online);
        var id = await Conversations.StartAsync(App, "Ayu Lestari", text: "Di mana koleksi naskah kuno?");

        await Notifier.PublishAsync(new RingRequested(id));

        ringer.Instance.RingsRequested.Should().BeGreaterThanOrEqualTo(1);
        var ring = JSInterop.Invocations.Last(i => i.Identifier == "deskRing.ring" && ((string)i.Arguments[1]!).StartsWith("Ayu Lestari", StringComparison.Ordinal));
        ring.Arguments.Should().Equal("Percakapan baru menunggu", "Ayu Lestari: Di mana koleksi naskah kuno?");
    }

    [Fact]
    public async Task An_away_librarian_is_not_rung_until_they_come_back_online()
    {
        var (id, ringer) = await RingerForAsync(Presence.Away);
        var conversation = await Conversations.StartAsync(App, "Bayu Away");

        await Notifier.PublishAsync(new RingRequested(conversation));
        ringer.Instance.RingsRequested.Should().Be(0);
        (await RingsAsync()).Select(r => r.Body).Should().BeEmpty();

        await Presences.SetAsync(id, Presence.Online, Cancel);
        await Notifier.PublishAsync(new RingRequested(conversation));
        (await RingsAsync()).Select(r => r.Body).Should().Contain(b => b.StartsWith("Bayu Away", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_offline_librarian_is_not_rung()
    {
        var (_, ringer) = await RingerForAsync(Presence.Offline);
        var conversation = await Conversations.StartAsync(App, "Citra Offline");

        await Notifier.PublishAsync(new RingRequested(conversation));

        ringer.Instance.RingsRequested.Should().Be(0);
        (await RingsAsync()).Select(r => r.Body).Should().BeEmpty();
    }

    [Fact]
    public async Task A_conversation_taken_before_the_ring_arrives_does_not_ring()
    {
        var conversation = await Conversations.StartAsync(App, "Dimas Sudah Diambil");
        await App.Service<ChatService>().ClaimAsync(((OpenDeskApp)App).LibrarianId, conversation);
        var (_, ringer) = await RingerForAsync(Presence.Online);

        await Notifier.PublishAsync(new RingRequested(conversation));

        ringer.Instance.RingsRequested.Should().Be(0);

        (await RingsAsync()).Select(r => r.Body).Should().NotContain(b => b.StartsWith("Dimas", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_transfer_rings_only_the_new_owner()
    {
        var (id, ringer) = await RingerForAsync(Presence.Online);
        var sari = ((OpenDeskApp)App).LibrarianId;
        var conversation = await Conversations.StartAsync(App, "Eka Dialihkan");
        await App.Service<ChatService>().ClaimAsync(sari, conversation);

        // (The desk may have rung everyone for Eka while the chat still waited; only transfer rings count here.)
        await Notifier.PublishAsync(new RingRequested(conversation, OnlyLibrarianId: sari));
        (await TransferRingsAsync()).Should().BeEmpty("that transfer ring was for Sari");

        await App.Service<ChatService>().TransferAsync(sari, conversation, id, "Pertanyaan naskah, bidang Anda.");
        await RungAsync(r => r == ("Percakapan dialihkan kepada Anda", "Eka Dialihkan: Saya mencari koleksi peta Batavia."), "the transfer ring");
        (await TransferRingsAsync()).Should().ContainSingle();
    }

    private async Task<List<(string Title, string Body)>> TransferRingsAsync() =>
        (await RingsAsync()).Where(r => r.Title == "Percakapan dialihkan kepada Anda").ToList();

    [Fact]
    public async Task A_new_conversation_rings_through_the_running_desk_without_anyone_asking()
    {
        var (_, ringer) = await RingerForAsync(Presence.Online);

        await Conversations.StartAsync(App, "Fajar Otomatis");

        await RungForAsync("Fajar Otomatis");
    }

    [Fact]
    public async Task Staff_without_the_librarian_role_get_no_ringer()
    {
        var (_, ringer) = await RingerForAsync(Presence.Online, DeskRoles.ItAdmin);
        var conversation = await Conversations.StartAsync(App, "Gita Admin");

        await Notifier.PublishAsync(new RingRequested(conversation));

        ringer.FindAll("[data-testid=enable-sound]").Should().BeEmpty();
        ringer.Instance.RingsRequested.Should().Be(0);
    }

    [Fact]
    public async Task A_tab_still_signed_in_as_a_librarian_is_not_rung_once_the_account_has_lost_the_role()
    {
        var (id, ringer) = await RingerForAsync(Presence.Online);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            // Straight through Identity, as another desk process would: this tab's sign-in and its Online stay as they were.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Librarian>>();
            (await users.RemoveFromRoleAsync((await users.FindByIdAsync(id))!, DeskRoles.Librarian)).Succeeded.Should().BeTrue();
        }

        var conversation = await Conversations.StartAsync(App, "Hana Bukan Pustakawan");
        await Notifier.PublishAsync(new RingRequested(conversation));

        ringer.Find("[data-testid=enable-sound]").GetAttribute("data-rings-for").Should().Be("online", "the tab still believes it is Online");
        ringer.Instance.RingsRequested.Should().Be(0);
        (await RingsAsync()).Select(r => r.Body).Should().NotContain(b => b.StartsWith("Hana", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_sound_button_follows_the_choice_the_browser_remembers()
    {
        JSInterop.Setup<bool>("deskRing.attach", _ => true).SetResult(true);
        var (_, ringer) = await RingerForAsync(Presence.Online);

        ringer.WaitForAssertion(() => ringer.Find("[data-testid=enable-sound]").GetAttribute("data-sound").Should().Be("on"), Patience);
        ringer.Find("[data-testid=enable-sound]").GetAttribute("aria-label").Should().Be("Matikan Suara");

        await ringer.Instance.SoundChanged(false);
        ringer.Find("[data-testid=enable-sound]").GetAttribute("data-sound").Should().Be("off");
        ringer.Find("[data-testid=enable-sound]").GetAttribute("aria-label").Should().Be("Aktifkan Suara");
    }
}
