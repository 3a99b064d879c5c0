using System.Security.Claims;
using Bunit;
using LibrarianDesk.Components.Layout;
using LibrarianDesk.Features.Desk;
using LibrarianDesk.Features.Queue;
using LibrarianDesk.Realtime;
using LibrarianDesk.Shared.Staff;
using LibrarianDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace LibrarianDesk.Tests.Features.Queue;

/// <summary>
/// Several librarians' desk tabs (DeskAlerts, rendered with bUnit) on one running desk whose database commands
/// are counted: who is rung is decided once per ring, however many tabs listen.
/// </summary>
public sealed class RingOncePerEventTests(CommandCountingDeskApp app) : LiveDeskComponentTest(app), IClassFixture<CommandCountingDeskApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    private DeskNotifier Notifier => App.Service<DeskNotifier>();

    private int openTabs;

    [Fact]
    public async Task A_ring_reads_the_database_as_often_with_six_desk_tabs_open_as_with_one_and_reaches_the_tabs_of_librarians_on_duty()
    {
        var conversation = await WaitingConversationAsync("Lina Sekali");
        await OpenTabAsync(await LibrarianAsync(Presence.Online));

        var withOneTab = await app.Commands.CountAsync(() => Notifier.PublishAsync(new RingRequested(conversation)));
        (await AlertsForLinaAsync()).Should().Be(1);

        await OpenTabAsync(await LibrarianAsync(Presence.Online));
        await OpenTabAsync(await LibrarianAsync(Presence.Online));
        await OpenTabAsync(await LibrarianAsync(Presence.Online));
        await OpenTabAsync(await LibrarianAsync(Presence.Away));
        await OpenTabAsync(await FormerLibrarianAsync());

        var withSixTabs = await app.Commands.CountAsync(() => Notifier.PublishAsync(new RingRequested(conversation)));

        withOneTab.Should().BePositive("the ring reads the conversation and who is on duty");
        withSixTabs.Should().Be(withOneTab, "who is rung is decided once per ring, not by each tab");
        (await AlertsForLinaAsync()).Should().Be(1 + 4, "the second ring reaches the four tabs on duty, not the Away one nor the one whose account lost the role");
    }

    /// <summary>A conversation waiting in the queue whose own first ring has passed (before any tab here listens).</summary>
    private async Task<Guid> WaitingConversationAsync(string patronName)
    {
        var rung = new TaskCompletionSource<Guid>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listening = Notifier.Subscribe<LibrariansRung>(r =>
        {
            if (r.Conversation.PatronName == patronName)
            {
                rung.TrySetResult(r.Conversation.ConversationId);
            }

            return Task.CompletedTask;
        });
        await Conversations.StartAsync(App, patronName);
        return await rung.Task.WaitAsync(Patience, Cancel);
    }

    private async Task<string> LibrarianAsync(Presence presence)
    {
        var account = await StaffAccounts.CreateAsync(App, $"tab-{Guid.NewGuid():N}@test.local", [DeskRoles.Librarian]);
        await App.Service<PresenceService>().SetAsync(account.Id, presence, Cancel);
        return account.Id;
    }

    /// <summary>Online and signed in as a librarian, but the account has lost the role since.</summary>
    private async Task<string> FormerLibrarianAsync()
    {
        var id = await LibrarianAsync(Presence.Online);
        await StaffAccounts.RemoveRoleAsync(App, id, DeskRoles.Librarian);
        return id;
    }

    /// <summary>A desk tab signed in as this librarian, listening once it has attached to the browser.</summary>
    private async Task OpenTabAsync(string librarianId)
    {
        var signedIn = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, librarianId), new Claim(ClaimTypes.Role, DeskRoles.Librarian)], "test"))));
        Render<CascadingValue<Task<AuthenticationState>>>(p => p.Add(c => c.Value, signedIn).AddChildContent<DeskAlerts>());
        var attached = ++openTabs;

        // What the tabs asked of the browser is written on the renderer's thread, so it is read there too.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        deadline.CancelAfter(Patience);
        while (await Renderer.Dispatcher.InvokeAsync(() => JSInterop.Invocations.Count(i => i.Identifier == "deskRing.attach")) < attached)
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    private Task<int> AlertsForLinaAsync() => Renderer.Dispatcher.InvokeAsync(() => JSInterop.Invocations
        .Count(i => i.Identifier == "deskRing.alert" && ((string)i.Arguments[2]!).StartsWith("Lina Sekali", StringComparison.Ordinal)));
}
